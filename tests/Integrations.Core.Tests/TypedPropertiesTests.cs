using System.Text.Json.Nodes;

namespace Integrations.Core.Tests;

public class TypedPropertiesTests
{
    [Test]
    public void Properties_are_stored_under_snake_case_keys()
    {
        var chat = new ChatIntegration { Channel = "#dev", NotifyOnlyBrokenPipelines = false };

        chat.PropertyKeys.Should().BeEquivalentTo("channel", "notify_only_broken_pipelines");
        chat.GetRawValue("channel")!.GetValue<string>().Should().Be("#dev");
    }

    [TestCase("true", true)]
    [TestCase("1", true)]
    [TestCase("on", true)]
    [TestCase("yes", true)]
    [TestCase("false", false)]
    [TestCase("0", false)]
    [TestCase("off", false)]
    public void Booleans_accept_form_strings(string posted, bool expected)
    {
        var chat = new ChatIntegration();
        chat.SetRawValue("notify_only_broken_pipelines", JsonValue.Create(posted));

        chat.NotifyOnlyBrokenPipelines.Should().Be(expected);
    }

    [Test]
    public void Unset_values_fall_back_to_the_property_default()
    {
        var chat = new ChatIntegration();

        chat.NotifyOnlyBrokenPipelines.Should().BeTrue();
        chat.BranchesToBeNotified.Should().Be(BranchSelection.Default);
        chat.Channel.Should().BeNull();
    }

    [Test]
    public void Enums_are_stored_in_snake_case_and_read_from_either_form()
    {
        var chat = new ChatIntegration { BranchesToBeNotified = BranchSelection.DefaultAndProtected };
        chat.GetRawValue("branches_to_be_notified")!.GetValue<string>().Should().Be("default_and_protected");

        chat.SetRawValue("branches_to_be_notified", JsonValue.Create("Protected"));
        chat.BranchesToBeNotified.Should().Be(BranchSelection.Protected);
    }

    [Test]
    public void Numbers_are_read_from_json_numbers_and_numeric_strings()
    {
        var chat = new ChatIntegration { TimeoutSeconds = 12 };
        chat.TimeoutSeconds.Should().Be(12);

        chat.SetRawValue("timeout_seconds", JsonValue.Create("7"));
        chat.TimeoutSeconds.Should().Be(7);
    }

    [Test]
    public void Unreadable_values_read_as_default_and_are_kept_as_stored()
    {
        var chat = new ChatIntegration();
        chat.SetRawValue("timeout_seconds", JsonValue.Create("soon"));

        chat.TimeoutSeconds.Should().BeNull();
        chat.GetRawValue("timeout_seconds")!.GetValue<string>().Should().Be("soon");
    }

    [Test]
    public void String_lists_are_arrays_and_accept_comma_separated_text()
    {
        var chat = new ChatIntegration { Labels = ["bug", "backend"] };
        chat.GetRawValue("labels")!.ToJsonString().Should().Be("[\"bug\",\"backend\"]");

        chat.SetRawValue("labels", JsonValue.Create("ui, frontend ,\nops"));
        chat.Labels.Should().Equal("ui", "frontend", "ops");
    }

    [Test]
    public void Small_records_round_trip_as_nested_json()
    {
        var chat = new ChatIntegration { Retry = new RetryPolicy(3, "exponential") };

        chat.GetRawValue("retry")!.ToJsonString().Should().Be("{\"attempts\":3,\"mode\":\"exponential\"}");
        chat.Retry.Should().Be(new RetryPolicy(3, "exponential"));
    }

    [Test]
    public void Changes_are_tracked_per_property_with_the_original_value()
    {
        var chat = new ChatIntegration { Channel = "#dev" };
        chat.Bag.AcceptChanges();

        chat.Channel = "#ops";

        chat.IsPropertyChanged(nameof(ChatIntegration.Channel)).Should().BeTrue();
        chat.IsPropertyChanged("channel").Should().BeTrue();
        chat.IsPropertyChanged("webhook").Should().BeFalse();
        chat.GetOriginalValue<string>("channel").Should().Be("#dev");
        chat.HasChanges.Should().BeTrue();
    }

    [Test]
    public void Setting_the_same_value_touches_but_does_not_change()
    {
        var chat = new ChatIntegration { Channel = "#dev" };
        chat.Bag.AcceptChanges();

        chat.Channel = "#dev";

        chat.IsPropertyTouched("channel").Should().BeTrue();
        chat.IsPropertyChanged("channel").Should().BeFalse();
        chat.HasChanges.Should().BeFalse();
    }

    [Test]
    public void Setting_null_removes_the_key()
    {
        var chat = new ChatIntegration { Channel = "#dev" };
        chat.Channel = null;

        chat.PropertyKeys.Should().NotContain("channel");
    }

    [Test]
    public void Form_values_are_converted_by_field_type()
    {
        var chat = new ChatIntegration();
        chat.ApplyFormValues(new Dictionary<string, string?>
        {
            ["channel"] = " #dev ",
            ["notify_only_broken_pipelines"] = "on",
            ["timeout_seconds"] = "5",
            ["labels"] = "a,b",
            ["branches_to_be_notified"] = "protected",
        });

        chat.Channel.Should().Be("#dev");
        chat.NotifyOnlyBrokenPipelines.Should().BeTrue();
        chat.TimeoutSeconds.Should().Be(5);
        chat.Labels.Should().Equal("a", "b");
        chat.BranchesToBeNotified.Should().Be(BranchSelection.Protected);
    }

    [Test]
    public void Blank_or_masked_secrets_in_a_form_keep_the_stored_secret()
    {
        var chat = new ChatIntegration { Webhook = "https://hooks.example.test/T1/secret" };

        chat.ApplyFormValues(new Dictionary<string, string?> { ["webhook"] = SecretMask.Value });
        chat.ApplyFormValues(new Dictionary<string, string?> { ["webhook"] = "" });

        chat.Webhook.Should().Be("https://hooks.example.test/T1/secret");
    }
}
