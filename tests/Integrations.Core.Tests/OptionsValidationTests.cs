using Integrations.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integrations.Core.Tests;

/// <summary>Every documented range and cross-field rule of the options fails at startup with a message naming the option.</summary>
public class OptionsValidationTests
{
    private static Action Startup(Action<IntegrationsOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddIntegrations(o =>
        {
            o.Encryption.AddKey("k", TestKeys.NewBase64Key());
            configure(o);
        }).Add<ChatIntegration>();
        var provider = services.BuildServiceProvider();
        return () =>
        {
            using (provider)
            {
                provider.GetRequiredService<IStartupValidator>().Validate();
            }
        };
    }

    [Test]
    public void The_defaults_are_valid() => Startup(_ => { }).Should().NotThrow();

    [TestCase("MaxConcurrency")]
    [TestCase("BatchSize")]
    [TestCase("Jitter")]
    [TestCase("LeaseDuration")]
    [TestCase("PollInterval")]
    [TestCase("RetrySchedule[1]")]
    [TestCase("FailuresBeforePermanentDisable")]
    [TestCase("DisableBackoffMax")]
    [TestCase("LoggedResponseHeaders")]
    public void An_option_out_of_range_fails_at_startup_naming_it(string option)
    {
        Action<IntegrationsOptions> configure = option switch
        {
            "MaxConcurrency" => o => o.Delivery.MaxConcurrency = 0,
            "BatchSize" => o => o.Delivery.BatchSize = -5,
            "Jitter" => o => o.Delivery.Jitter = 7,
            "LeaseDuration" => o => o.Delivery.LeaseDuration = TimeSpan.Zero,
            "PollInterval" => o => o.Delivery.PollInterval = TimeSpan.FromHours(1),
            "RetrySchedule[1]" => o => o.Delivery.RetrySchedule[1] = TimeSpan.FromSeconds(-1),
            "FailuresBeforePermanentDisable" => o => o.Delivery.FailuresBeforePermanentDisable = 0,
            "DisableBackoffMax" => o => o.Delivery.DisableBackoffMax = TimeSpan.FromDays(90),
            "LoggedResponseHeaders" => o => o.Delivery.LoggedResponseHeaders = -1,
            _ => throw new ArgumentOutOfRangeException(nameof(option)),
        };

        Startup(configure).Should().Throw<OptionsValidationException>().WithMessage($"*Delivery.{option}*");
    }

    [Test]
    public void A_lease_no_longer_than_the_longest_call_fails_at_startup()
    {
        Startup(o =>
        {
            o.Network.MaxTimeout = TimeSpan.FromMinutes(2);
            o.Delivery.LeaseDuration = TimeSpan.FromMinutes(1);
        }).Should().Throw<OptionsValidationException>().WithMessage("*LeaseDuration*longer than Network.MaxTimeout*sent twice*");
    }

    [Test]
    public void Permanent_disable_must_come_after_temporary_disable()
    {
        Startup(o =>
        {
            o.Delivery.FailuresBeforeTemporaryDisable = 10;
            o.Delivery.FailuresBeforePermanentDisable = 5;
        }).Should().Throw<OptionsValidationException>().WithMessage("*FailuresBeforePermanentDisable (5) must be greater than*FailuresBeforeTemporaryDisable (10)*");
    }

    [Test]
    public void An_encryption_key_that_is_not_Base64_names_the_key_and_never_shows_the_text()
    {
        var options = new IntegrationsOptions();

        var adding = () => options.Encryption.AddKey("2026-11", "not base64 secret!");

        adding.Should().Throw<ArgumentException>().WithMessage("*key '2026-11' is not Base64*openssl rand -base64 32*")
            .Which.Message.Should().NotContain("not base64 secret!");
    }

    [TestCase(null)]
    [TestCase("")]
    public void A_missing_encryption_key_says_which_configuration_value_is_missing(string? key)
    {
        var options = new IntegrationsOptions();

        var adding = () => options.Encryption.AddKey("key-1", key!);

        adding.Should().Throw<ArgumentException>().WithMessage("*key 'key-1' is*the configuration value it was read from is missing*Integrations:Key*openssl rand -base64 32*");
    }

    [Test]
    public void Range_messages_show_the_value_that_was_given()
    {
        Startup(o => o.MaxCachedScopes = 0).Should().Throw<OptionsValidationException>().WithMessage("*MaxCachedScopes must be between 1 and 10,000,000; it is 0.*");
        Startup(o => o.Network.DefaultTimeout = TimeSpan.FromMinutes(3)).Should().Throw<OptionsValidationException>()
            .WithMessage("*Network.DefaultTimeout must be between MinTimeout (00:00:01) and MaxTimeout (00:01:00); it is 00:03:00.*");
        Startup(o => o.Delivery.MaxConcurrency = 0).Should().Throw<OptionsValidationException>().WithMessage("*Delivery.MaxConcurrency must be between 1 and 512; it is 0.*");
    }
}
