using Integrations.Serialization;

namespace Integrations.Core.Tests;

/// <summary>Secrets carried inside a URL setting never appear in a view meant for display, clients or logs.</summary>
public class UrlMaskingTests
{
    [TestCase("https://user:pa55word@hooks.example.test/x", "https://************@hooks.example.test/x", "pa55word")]
    [TestCase("https://only-user@hooks.example.test/x", "https://************@hooks.example.test/x", "only-user")]
    [TestCase("https://hooks.example.test/x?token=t0k3n", "https://hooks.example.test/x?token=************", "t0k3n")]
    [TestCase("https://hooks.example.test/x?a=1&api_key=k3y123", "https://hooks.example.test/x?a=1&api_key=************", "k3y123")]
    [TestCase("https://hooks.example.test/x?sig=s1gnature&sv=2020", "https://hooks.example.test/x?sig=************&sv=2020", "s1gnature")]
    [TestCase("https://hooks.example.test/x?ACCESS_TOKEN=abc987", "https://hooks.example.test/x?ACCESS_TOKEN=************", "abc987")]
    [TestCase("https://hooks.example.test/x?client_secret=cs-55", "https://hooks.example.test/x?client_secret=************", "cs-55")]
    public void Secret_parts_of_a_URL_are_masked(string url, string shown, string secret)
    {
        SecretMask.Url(url).Should().Be(shown).And.NotContain(secret);
    }

    [TestCase("https://hooks.example.test/x?page=2")]
    [TestCase("https://hooks.example.test")]
    [TestCase("not a url")]
    public void A_URL_without_secrets_is_shown_as_written(string url) => SecretMask.Url(url).Should().Be(url);

    [Test]
    public void ToString_and_client_json_mask_secrets_inside_URL_settings()
    {
        var tracker = new TrackerIntegration { Scope = IntegrationScope.Instance, Url = "https://bot:hunter22@jira.example.test/rest?token=tok-999&project=OPS", Username = "bot" };

        var text = tracker.ToString();
        var json = IntegrationsJson.SerializeForClient(tracker);

        foreach (var view in new[] { text, json })
        {
            view.Should().NotContain("hunter22").And.NotContain("tok-999").And.Contain("project=OPS").And.Contain("jira.example.test");
        }

        tracker.Url.Should().Contain("hunter22", "the integration itself sees the real URL");
    }
}
