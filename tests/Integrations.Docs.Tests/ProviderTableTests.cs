using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Integrations.Fields;
using Integrations.Providers.Datadog;
using Integrations.Providers.Jenkins;
using Integrations.Providers.Webhook;

namespace Integrations.Docs.Tests;

/// <summary>
/// README.md's "Providers" section has one settings table per provider, generated from its field metadata (name, type,
/// required, secret, default from a new instance). Run the tests with INTEGRATIONS_UPDATE_DOCS=1 to rewrite them.
/// </summary>
public class ProviderTableTests
{
    private static IEnumerable<TestCaseData> Providers()
    {
        yield return new TestCaseData(new WebhookIntegration()).SetArgDisplayNames("webhook");
        yield return new TestCaseData(new JenkinsIntegration()).SetArgDisplayNames("jenkins");
        yield return new TestCaseData(new DatadogIntegration()).SetArgDisplayNames("datadog");
        yield return new TestCaseData(new Integrations.Providers.Slack.SlackIntegration()).SetArgDisplayNames("slack");
        yield return new TestCaseData(new Integrations.Providers.MicrosoftTeams.MicrosoftTeamsIntegration()).SetArgDisplayNames("microsoft_teams");
        yield return new TestCaseData(new Integrations.Providers.GoogleChat.GoogleChatIntegration()).SetArgDisplayNames("hangouts_chat");
        yield return new TestCaseData(new Integrations.Providers.Jira.JiraIntegration()).SetArgDisplayNames("jira");
        yield return new TestCaseData(new Integrations.Providers.ServiceNow.ServiceNowIntegration()).SetArgDisplayNames("servicenow");
    }

    [TestCaseSource(nameof(Providers))]
    public void The_README_table_of_each_provider_matches_its_fields(Integration provider)
    {
        var begin = $"<!-- generated: {provider.Type} settings (ProviderTableTests); do not edit -->";
        const string End = "<!-- end generated -->";
        var path = Repository.PathOf("README.md");
        var page = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        var start = page.IndexOf(begin, StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, $"README.md holds the {provider.Type} table");
        var end = page.IndexOf(End, start, StringComparison.Ordinal);

        var generated = begin + "\n\n" + Table(provider) + "\n";
        var current = page[start..end];
        if (current != generated && Environment.GetEnvironmentVariable("INTEGRATIONS_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, page[..start] + generated + page[end..]);
            Assert.Pass("README.md rewritten.");
        }

        current.Should().Be(generated, "the README table must show the fields as they are; run the tests with INTEGRATIONS_UPDATE_DOCS=1 to regenerate it");
    }

    private static string Table(Integration provider)
    {
        var sb = new StringBuilder("| Setting | Type | Required | Secret | Default |\n|---|---|---|---|---|\n");
        foreach (var field in provider.Fields)
        {
            var type = JsonSerializer.Serialize(field.Type).Trim('"');
            sb.Append(CultureInfo.InvariantCulture, $"| `{field.Name}`{(field.ApiOnly ? " (API only)" : string.Empty)} | {type} | {(field.Required ? "yes" : string.Empty)} | {(field.IsSecretValue ? "yes" : string.Empty)} | {Default(provider, field)} |\n");
        }

        return sb.ToString();
    }

    private static string Default(Integration provider, IntegrationField field)
    {
        var property = provider.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Single(p => p.GetCustomAttribute<FieldAttribute>() is { } a && (a.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name)) == field.Name);
        return property.GetValue(provider) switch
        {
            null => string.Empty,
            bool b => b ? "on" : "off",
            Enum e => "`" + JsonNamingPolicy.SnakeCaseLower.ConvertName(e.ToString()) + "`",
            var value => "`" + Convert.ToString(value, CultureInfo.InvariantCulture) + "`",
        };
    }
}
