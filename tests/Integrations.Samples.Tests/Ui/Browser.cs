using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Integrations.Samples.Tests.Ui;

/// <summary>
/// Debian's Chromium driven by Playwright (browsers cannot be downloaded here): one browser per fixture, a fresh context
/// per test. Accessibility is checked with axe-core (from Deque.AxeCore.Playwright), failing on serious or critical
/// violations.
/// </summary>
public static class Browser
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            Assert.Fail($"{ExecutablePath} is missing: install Debian's chromium package (.ci/run does).");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        });
        return (playwright, browser);
    }

    /// <summary>Runs axe-core on the page and fails on any serious or critical violation, naming the rule and the elements.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}")
            .ToList();
        bad.Should().BeEmpty($"{page.Url} must have no serious or critical accessibility violations");
    }

    /// <summary>Writes a screenshot for the README under docs/images when INTEGRATIONS_UPDATE_DOCS=1 (CI leaves the committed ones alone).</summary>
    public static async Task ScreenshotForDocsAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("INTEGRATIONS_UPDATE_DOCS") != "1")
        {
            return;
        }

        var directory = AppContext.BaseDirectory;
        while (directory is not null && !File.Exists(Path.Combine(directory, "Integrations.sln")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory!, "docs", "images", name + ".png"), FullPage = true });
    }
}
