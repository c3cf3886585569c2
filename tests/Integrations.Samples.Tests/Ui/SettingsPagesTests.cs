using System.Net;
using System.Text.Json.Nodes;
using Integrations.Inheritance;
using Integrations.Samples.Tests.Web;
using Integrations.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Integrations.Samples.Tests.Ui;

/// <summary>The settings pages in a real Chromium: forms generated from field metadata, deliveries, inheritance, accessibility.</summary>
[NonParallelizable]
public sealed class SettingsPagesTests
{
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private ForgeHost _forge = null!;
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    [OneTimeSetUp]
    public async Task LaunchAsync() => (_playwright, _browser) = await Browser.LaunchAsync();

    [OneTimeTearDown]
    public async Task CloseAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    [SetUp]
    public async Task StartAsync()
    {
        _forge = await ForgeHost.StartAsync(DatabaseKind.Sqlite);
        _context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _forge.Address.ToString(), ViewportSize = new ViewportSize { Width = 1100, Height = 900 } });
        _page = await _context.NewPageAsync();
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _context.DisposeAsync();
        await _forge.DisposeAsync();
    }

    private async Task SignInAsync(string token = ForgeHost.AdminToken)
    {
        await _page.GotoAsync("/ui");
        await _page.GetByLabel("API token").FillAsync(token);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await _page.GetByRole(AriaRole.Heading, new() { Name = "Integrations and webhooks" }).WaitForAsync();
    }

    [Test]
    public async Task Slack_is_set_up_through_the_form_and_its_deliveries_show_and_resend()
    {
        await SignInAsync();
        await _page.GetByRole(AriaRole.Link, new() { Name = "Billing API" }).ClickAsync();
        await Browser.AssertAccessibleAsync(_page);
        await _page.GetByRole(AriaRole.Link, new() { Name = "Slack notifications" }).ClickAsync();

        await _page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        var webhook = _page.GetByLabel("Webhook", new() { Exact = true });
        (await webhook.GetAttributeAsync("aria-invalid")).Should().Be("true");
        (await _page.Locator("#field-webhook-error-0").TextContentAsync()).Should().Be("Webhook is required, unless a bot token is set.");
        await Browser.AssertAccessibleAsync(_page);

        await webhook.FillAsync(_forge.ReceiverUrl("slack/T000/B000/secret-path-4471").ToString());
        await _page.GetByLabel("Issue", new() { Exact = true }).CheckAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await _page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Settings saved." }).WaitForAsync();

        var issue = await _forge.Admin.PostAsync(new Uri("api/v4/projects/1/issues", UriKind.Relative), ForgeHost.Json("""{"title": "Checkout rounds wrong"}"""));
        issue.StatusCode.Should().Be(HttpStatusCode.Created);
        (await _forge.WaitForReceivedAsync(1)).Single()!["path"]!.GetValue<string>().Should().Contain("slack/T000/B000");
        await _forge.WaitUntilRecordedAsync("1", 1);

        await _page.ReloadAsync();
        var row = _page.Locator("tr.delivery").First;
        (await row.GetAttributeAsync("data-status")).Should().Be("Succeeded");
        (await row.TextContentAsync()).Should().Contain("issue");
        await Browser.AssertAccessibleAsync(_page);
        await Browser.ScreenshotForDocsAsync(_page, "ui-edit-slack");

        await row.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Resend") }).ClickAsync();
        await _page.GetByRole(AriaRole.Status).Filter(new() { HasText = "queued again" }).WaitForAsync();
        await _forge.WaitForReceivedAsync(2);

        await _page.GotoAsync("/ui/projects/1/integrations");
        var slack = _page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Slack notifications" });
        (await slack.TextContentAsync()).Should().Contain("Active").And.Contain("Healthy");
        await Browser.ScreenshotForDocsAsync(_page, "ui-catalog");
    }

    [Test]
    public async Task A_group_Jira_connection_is_inherited_and_a_project_overrides_one_field()
    {
        await SignInAsync();
        await _page.GotoAsync("/ui/groups/2/integrations/jira");
        await _page.GetByLabel("Web URL").FillAsync("https://jira.example.test");
        await _page.GetByLabel("E-mail or username").FillAsync("platform-bot@example.test");
        await _page.GetByLabel("API token, password or personal access token").FillAsync("jira-group-token-5521");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await _page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Settings saved." }).WaitForAsync();

        await _page.GotoAsync("/ui/projects/1/integrations");
        (await _page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Jira" }).TextContentAsync()).Should().Contain("inherited from group Platform");
        await _page.GetByRole(AriaRole.Link, new() { Name = "Jira", Exact = true }).ClickAsync();
        (await _page.Locator("#field-web_url-inherited").TextContentAsync()).Should().Be("Inherited from group Platform: https://jira.example.test");
        await _page.GetByLabel("Use custom settings").CheckAsync();
        await _page.Locator("#field-username-inherit").UncheckAsync();
        await _page.GetByLabel("E-mail or username").FillAsync("billing-bot@example.test");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await _page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Settings saved." }).WaitForAsync();
        await Browser.AssertAccessibleAsync(_page);

        await using var scope = _forge.Services.CreateAsyncScope();
        var effective = (await scope.ServiceProvider.GetRequiredService<IIntegrationResolver>().GetEffectiveAsync(IntegrationScope.Project(1), "jira"))!;
        effective.SourceOf("username").Should().Be(IntegrationScope.Project(1));
        effective.SourceOf("web_url").Should().Be(IntegrationScope.Group(2));
        effective.SourceOf("password").Should().Be(IntegrationScope.Group(2));
        ((Integrations.Providers.Jira.JiraIntegration)effective.Settings).Username.Should().Be("billing-bot@example.test");
        (await _page.Locator("#field-username").InputValueAsync()).Should().Be("billing-bot@example.test");
        (await _page.Locator("#field-web_url-inherited").TextContentAsync()).Should().Contain("group Platform");

        await _page.GetByRole(AriaRole.Button, new() { Name = "Reset" }).ClickAsync();
        await _page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Settings reset" }).WaitForAsync();
        (await _page.Locator("#field-username-inherited").TextContentAsync()).Should().Be("Inherited from group Platform: platform-bot@example.test");
    }

    [Test]
    public async Task A_secret_typed_into_a_form_never_shows_again_in_pages_API_responses_or_logs()
    {
        const string Secret = "jira-secret-token-90817";
        await SignInAsync();
        await _page.GotoAsync("/ui/projects/1/integrations/jira");
        await _page.GetByLabel("Web URL").FillAsync("https://jira.example.test");
        await _page.GetByLabel("E-mail or username").FillAsync("bot@example.test");
        await _page.GetByLabel("API token, password or personal access token").FillAsync(Secret);
        await _page.GetByLabel("Jira issue regex").FillAsync("(");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        var refused = await _page.ContentAsync();
        await _page.GetByLabel("Jira issue regex").FillAsync(string.Empty);
        await _page.GetByLabel("API token, password or personal access token").FillAsync(Secret);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Test settings" }).ClickAsync();
        var tested = await _page.ContentAsync();
        await _page.GetByLabel("API token, password or personal access token").FillAsync(Secret);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await _page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Settings saved." }).WaitForAsync();
        (await _page.GetByLabel("Enter a new token or password").CountAsync()).Should().Be(1, "a stored secret is offered as 'enter new'");

        var pages = new List<string> { refused, tested, await _page.ContentAsync() };
        foreach (var path in new[] { "/ui/projects/1/integrations", "/ui/groups/2/integrations", "/ui" })
        {
            await _page.GotoAsync(path);
            pages.Add(await _page.ContentAsync());
        }

        var api = await (await _forge.Admin.GetAsync(new Uri("api/v4/projects/1/integrations/jira", UriKind.Relative))).Content.ReadAsStringAsync();
        var list = await (await _forge.Admin.GetAsync(new Uri("api/v4/projects/1/integrations", UriKind.Relative))).Content.ReadAsStringAsync();
        var logs = string.Join("\n", _forge.Logs.GetSnapshot().Select(l => l.Message + " " + l.Exception));

        pages.Should().OnlyContain(html => !html.Contains(Secret, StringComparison.Ordinal));
        (api + list).Should().NotContain(Secret);
        logs.Should().NotContain(Secret);
        var stored = await _forge.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<IIntegrationResolver>().GetEffectiveAsync(IntegrationScope.Project(1), "jira");
        ((Integrations.Providers.Jira.JiraIntegration)stored!.Settings).Password.Should().Be(Secret, "the secret was saved, only never shown");
    }

    [Test]
    public async Task A_webhook_that_fails_until_disabled_shows_the_banner_and_heals_after_a_successful_test()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var failing = true;
        receiver.Respond = (_, context) =>
        {
            context.Response.StatusCode = Volatile.Read(ref failing) ? 500 : 200;
            return Task.CompletedTask;
        };

        await SignInAsync();
        await _page.GotoAsync("/ui/projects/1/hooks");
        await Browser.AssertAccessibleAsync(_page);
        await _page.GetByRole(AriaRole.Link, new() { Name = "Add new webhook" }).ClickAsync();
        await _page.GetByRole(AriaRole.Textbox, new() { Name = "URL", Exact = true }).FillAsync(receiver.BaseAddress + "hook/{token}");
        await _page.GetByLabel("URL variables").FillAsync("token=hv-secret-3310");
        await _page.GetByLabel("Custom headers").FillAsync("X-Api-Key=hdr-secret-8821");
        await _page.GetByLabel("Issue", new() { Exact = true }).CheckAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await _page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Webhook saved." }).WaitForAsync();
        (await _page.GetByLabel("URL variables").InputValueAsync()).Should().Be("token=" + SecretMask.Value);
        (await _page.GetByLabel("Custom headers").InputValueAsync()).Should().Be("X-Api-Key=" + SecretMask.Value);
        (await _page.ContentAsync()).Should().NotContain("hv-secret-3310").And.NotContain("hdr-secret-8821");
        var hookId = Guid.Parse(_page.Url.Split('/').Last().Split('?')[0]);

        for (var i = 0; i < 5; i++)
        {
            (await _forge.Admin.PostAsync(new Uri("api/v4/projects/1/issues", UriKind.Relative), ForgeHost.Json($$"""{"title": "Failing {{i}}"}"""))).EnsureSuccessStatusCode();
        }

        await WaitForHealthAsync(hookId, Integrations.Health.IntegrationHealthStatus.TemporarilyDisabled);
        receiver.Requests.Should().OnlyContain(r => r.PathAndQuery == "/hook/hv-secret-3310" && r.Header("X-Api-Key") == "hdr-secret-8821", "the secrets are sent, only never shown");
        await _page.GotoAsync($"/ui/projects/1/hooks/{hookId}");
        (await _page.Locator("#disabled").TextContentAsync()).Should().Contain("Deliveries are paused").And.Contain("failures in a row");
        await Browser.AssertAccessibleAsync(_page);
        await Browser.ScreenshotForDocsAsync(_page, "ui-webhook-disabled");
        await _page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("Succeeded");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        (await _page.Locator("tr.delivery").CountAsync()).Should().Be(0);
        (await _page.GetByText("No delivery matches the filter.").CountAsync()).Should().Be(1);
        await _page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("Pending");
        await _page.GetByLabel("Event", new() { Exact = true }).SelectOptionAsync("issue");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        (await _page.Locator("tr.delivery").CountAsync()).Should().Be(5);

        Volatile.Write(ref failing, false);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Test settings" }).ClickAsync();
        (await _page.Locator("#test-result").TextContentAsync()).Should().Contain("Test succeeded");
        await WaitForHealthAsync(hookId, Integrations.Health.IntegrationHealthStatus.Healthy);
        await _page.GotoAsync($"/ui/projects/1/hooks/{hookId}");
        (await _page.Locator("#disabled").CountAsync()).Should().Be(0, "a successful test of the saved settings re-enables the hook");

        var before = receiver.Requests.Count;
        await _page.GetByLabel("with a sample").SelectOptionAsync("push");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Test settings" }).ClickAsync();
        (await _page.Locator("#test-result").TextContentAsync()).Should().Contain("Test succeeded");
        // The retries of the issues that failed earlier may arrive now too (the hook is healthy again): the product promises
        // one test request with the chosen sample, not an order among the deliveries.
        receiver.Requests.Skip(before).Where(r => r.Header("X-Gitlab-Event") != "Issue Hook").Should().ContainSingle()
            .Which.Header("X-Gitlab-Event").Should().Be("Push Hook");

        await _page.GetByRole(AriaRole.Button, new() { Name = "Rotate signing secret" }).ClickAsync();
        var shown = await _page.GetByRole(AriaRole.Status).Filter(new() { HasText = "New signing secret" }).TextContentAsync();
        var secret = System.Text.RegularExpressions.Regex.Match(shown!, "whsec_[A-Za-z0-9+/=]+").Value;
        await using (var scope = _forge.Services.CreateAsyncScope())
        {
            var hook = (Integrations.Providers.Webhook.WebhookIntegration)(await scope.ServiceProvider.GetRequiredService<Integrations.Persistence.IIntegrationStore>().GetAsync(hookId))!;
            hook.SigningSecret.Should().Be(secret, "the page showed the secret that was saved");
        }

        await _page.GotoAsync($"/ui/projects/1/hooks/{hookId}");
        (await _page.ContentAsync()).Should().NotContain(secret, "a rotated secret is shown once");
        await Browser.AssertAccessibleAsync(_page);
    }

    [Test]
    public async Task The_basic_path_works_without_JavaScript_and_from_the_keyboard()
    {
        await using var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _forge.Address.ToString(), JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/ui/projects/1/integrations/datadog");

        // The sign-in page came first: Tab reaches the token field (after the skip link and the navigation).
        for (var tabs = 0; await page.EvaluateAsync<string>("document.activeElement.id") != "token"; tabs++)
        {
            tabs.Should().BeLessThan(5, "the token field is reachable from the keyboard");
            await page.Keyboard.PressAsync("Tab");
        }

        await page.Keyboard.TypeAsync(ForgeHost.DeveloperToken);
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Datadog" }).WaitForAsync();
        page.Url.Should().EndWith("/ui/projects/1/integrations/datadog", "sign-in returns to the page asked for");

        await page.GetByLabel("API key").FillAsync("dd0123456789abcdef0123456789abcd");
        await page.GetByLabel("Service").FillAsync("billing");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Settings saved." }).WaitForAsync();

        var api = await ForgeHost.ReadJsonAsync(await _forge.Admin.GetAsync(new Uri("api/v4/projects/1/integrations/datadog", UriKind.Relative)));
        api["active"]!.GetValue<bool>().Should().BeTrue();
        api["properties"]!["datadog_service"]!.GetValue<string>().Should().Be("billing");
        (await page.GotoAsync("/ui/admin/integrations"))!.Status.Should().Be(404, "the instance's settings are for administrators");
    }

    [Test]
    public async Task A_projects_Jira_issues_are_listed_searched_and_read_without_leaving_the_forge()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var jira = new Integrations.Providers.Tests.Jira.FakeJira();
        jira.Issues["ABC-1"].Summary = "Refunds fail on Sundays";
        jira.Issues["ABC-1"].Comments.Add(JsonNode.Parse("""{"type":"doc","version":1,"content":[{"type":"paragraph","content":[{"type":"text","text":"Reproduced on staging."}]}]}""")!);
        jira.Issues["ABC-2"].Summary = "Invoice PDF is blank";
        receiver.Respond = jira.Respond;
        var put = await _forge.Admin.PutAsync(new Uri("api/v4/projects/1/integrations/jira", UriKind.Relative), ForgeHost.Json($$"""
            {"web_url": "{{receiver.BaseAddress}}", "username": "{{Integrations.Providers.Tests.Jira.FakeJira.Email}}",
             "password": "{{Integrations.Providers.Tests.Jira.FakeJira.ApiToken}}", "project_keys": ["ABC"]}
            """));
        put.StatusCode.Should().Be(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());

        await SignInAsync();
        await _page.GotoAsync("/ui/projects/1/integrations");
        await _page.GetByRole(AriaRole.Link, new() { Name = "Jira issues" }).ClickAsync();
        (await _page.Locator("tr.jira-issue").CountAsync()).Should().Be(2);
        await Browser.AssertAccessibleAsync(_page);

        await _page.GetByLabel("Search issues").FillAsync("refund");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        (await _page.Locator("tr.jira-issue").AllTextContentsAsync()).Should().ContainSingle().Which.Should().Contain("ABC-1").And.Contain("Refunds fail on Sundays");

        await _page.GetByRole(AriaRole.Link, new() { Name = "ABC-1" }).ClickAsync();
        await _page.GetByRole(AriaRole.Heading, new() { Name = "ABC-1: Refunds fail on Sundays" }).WaitForAsync();
        (await _page.Locator("article.comment").TextContentAsync()).Should().Contain("Ada Lovelace").And.Contain("Reproduced on staging.");
        (await _page.GetByRole(AriaRole.Link, new() { Name = "Open in Jira" }).GetAttributeAsync("href")).Should().Be(receiver.BaseAddress + "browse/ABC-1");
        await Browser.AssertAccessibleAsync(_page);

        jira.Failure = (401, null);
        await _page.GotoAsync("/ui/projects/1/jira");
        (await _page.GetByRole(AriaRole.Alert).TextContentAsync()).Should().Contain("expired");
    }

    [Test]
    public async Task Group_and_instance_pages_list_their_own_integrations_and_hooks_accessibly()
    {
        await SignInAsync();
        foreach (var (path, heading) in new[]
                 {
                     ("/ui/groups/2/integrations", "Integrations of group Platform"),
                     ("/ui/groups/2/hooks", "Webhooks of group Platform"),
                     ("/ui/admin/integrations", "Integrations of the instance"),
                     ("/ui/admin/hooks", "System hooks of the instance"),
                     ("/ui/admin/integrations/slack", "Slack notifications"),
                 })
        {
            (await _page.GotoAsync(path))!.Status.Should().Be(200, path);
            await _page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 }).WaitForAsync();
            await Browser.AssertAccessibleAsync(_page);
        }

        (await _page.GetByLabel("Use default settings (inherited)").CountAsync()).Should().Be(0, "the instance has nothing to inherit from");
        (await _page.GetByRole(AriaRole.Button, new() { Name = "Reset" }).CountAsync()).Should().Be(0);

        await _page.GetByLabel("Webhook", new() { Exact = true }).FillAsync("https://hooks.slack.example.test/services/T0/B0/instance");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await _page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Settings saved." }).WaitForAsync();
        await _page.GotoAsync("/ui/projects/3/integrations/slack");
        (await _page.GetByLabel("Use default settings (inherited)").IsCheckedAsync()).Should().BeTrue("a project under an instance-wide Slack inherits it");
    }

    /// <summary>Reads the hook's health until it has <paramref name="status"/> (deliveries fail on the worker's own schedule).</summary>
    private async Task WaitForHealthAsync(Guid hookId, Integrations.Health.IntegrationHealthStatus status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var scope = _forge.Services.CreateAsyncScope();
            var health = await scope.ServiceProvider.GetRequiredService<Integrations.DeliveryLog.IDeliveryLog>().GetHealthAsync(hookId);
            if (health.Status == status)
            {
                return;
            }

            DateTime.UtcNow.Should().BeBefore(deadline, $"the hook should become {status}; it is {health.Status} after {health.RecentFailures} failures");
            await Task.Delay(100);
        }
    }
}
