using Integrations.Validation;

namespace Integrations.Core.Tests;

/// <summary>A posted settings form sets everything the form has; nothing posted is silently ignored.</summary>
public class FormBindingTests
{
    private static ChatIntegration Chat() => new() { Scope = IntegrationScope.Project(1), Webhook = "https://hooks.example.test/T1/secret", Channel = "#general" };

    [Test]
    public void The_active_flag_use_default_settings_and_events_are_bound()
    {
        var chat = Chat();

        chat.ApplyFormValues(new Dictionary<string, string?>
        {
            ["active"] = "on", ["use_default_settings"] = "false", ["events"] = "push,pipeline",
        });

        chat.Active.Should().BeTrue();
        chat.UseDefaultSettings.Should().BeFalse();
        chat.EnabledEvents.Should().Be(IntegrationEvents.Push | IntegrationEvents.Pipeline);
    }

    [Test]
    public void Single_event_checkboxes_use_GitLabs_names()
    {
        var chat = Chat();
        chat.EnabledEvents = IntegrationEvents.Push;

        chat.ApplyFormValues(new Dictionary<string, string?> { ["push_events"] = "false", ["issues_events"] = "true" });

        chat.EnabledEvents.Should().Be(IntegrationEvents.Issue);
    }

    [Test]
    public void An_unsupported_or_unknown_event_is_refused_and_nothing_is_applied()
    {
        var chat = Chat();
        var before = chat.EnabledEvents;

        var binding = () => chat.ApplyFormValues(new Dictionary<string, string?> { ["events"] = "push,release,bogus", ["channel"] = "#ops" });

        binding.Should().Throw<IntegrationValidationException>()
            .Which.Errors["events"].Should().Contain(m => m.Contains("'bogus'")).And.Contain(m => m.Contains("release"));
        chat.EnabledEvents.Should().Be(before);
        chat.Channel.Should().Be("#general");
    }

    [Test]
    public void Inherit_checkboxes_set_per_field_inheritance()
    {
        var chat = Chat();
        chat.InheritedFields.Add("channel");

        chat.ApplyFormValues(new Dictionary<string, string?> { ["inherit_webhook"] = "on", ["inherit_channel"] = "off" });

        chat.InheritedFields.Should().BeEquivalentTo("webhook");
    }

    [Test]
    public void A_value_for_an_inherited_field_overrides_it()
    {
        var chat = Chat();
        chat.InheritedFields.Add("channel");

        chat.ApplyFormValues(new Dictionary<string, string?> { ["channel"] = "#billing" });

        chat.Channel.Should().Be("#billing");
        chat.InheritedFields.Should().NotContain("channel", "the value is used, not ignored");
    }

    [Test]
    public void A_value_and_inherit_together_are_refused()
    {
        var chat = Chat();

        var binding = () => chat.ApplyFormValues(new Dictionary<string, string?> { ["channel"] = "#billing", ["inherit_channel"] = "true" });

        binding.Should().Throw<IntegrationValidationException>().Which.Errors.Should().ContainKey("channel");
        chat.Channel.Should().Be("#general");
    }

    [Test]
    public void A_URL_posted_back_as_it_was_shown_keeps_the_stored_URL()
    {
        var tracker = new TrackerIntegration { Scope = IntegrationScope.Instance, Url = "https://bot:s3cret@jira.example.test/", Password = "token-123456" };
        tracker.Bag.AcceptChanges();

        tracker.ApplyFormValues(new Dictionary<string, string?> { ["url"] = SecretMask.Url(tracker.Url!), ["password"] = SecretMask.Value });

        tracker.Url.Should().Be("https://bot:s3cret@jira.example.test/");
        tracker.Password.Should().Be("token-123456", "an unchanged URL does not clear the secrets");
    }
}
