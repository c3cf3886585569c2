using Integrations.Providers.Jira;
using Integrations.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integrations.Providers.Tests.Jira;

/// <summary>Jira's options are checked at startup, each message naming the option and the value given.</summary>
public sealed class JiraOptionsTests
{
    [Test]
    public void An_option_out_of_range_names_the_option_and_its_value()
    {
        var services = new ServiceCollection();
        services.AddIntegrations(o => o.Encryption.AddKey("k", TestKeys.NewBase64Key())).AddJira();
        services.Configure<JiraOptions>(o => o.PerIssueWriteInterval = TimeSpan.FromMinutes(5));
        using var provider = services.BuildServiceProvider();

        var startup = () => provider.GetRequiredService<IStartupValidator>().Validate();

        startup.Should().Throw<OptionsValidationException>().WithMessage("*JiraOptions.PerIssueWriteInterval must be between zero (no pacing) and one minute; it is 00:05:00.*");
    }
}
