using Microsoft.Playwright;

namespace Integrations.Samples.Tests.Ui;

public sealed class BrowserSpikeTests
{
    [Test]
    public async Task Chromium_opens_a_page()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        });
        var page = await browser.NewPageAsync();
        await page.SetContentAsync("<html lang=en><head><title>x</title></head><body><main><h1>Hello</h1></main></body></html>");
        (await page.TextContentAsync("h1")).Should().Be("Hello");
        var axe = await Deque.AxeCore.Playwright.PageExtensions.RunAxe(page);
        axe.Violations.Should().BeEmpty();
    }
}
