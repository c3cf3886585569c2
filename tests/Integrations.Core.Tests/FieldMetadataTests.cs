using System.Text.Json;
using Integrations.Fields;
using Integrations.Serialization;

namespace Integrations.Core.Tests;

public class FieldMetadataTests
{
    [Test]
    public void Fields_come_from_attributes_in_declaration_order()
    {
        new ChatIntegration().Fields.Select(f => f.Name).Should().Equal(
            "webhook", "channel", "notify_only_broken_pipelines", "branches_to_be_notified", "labels", "timeout_seconds");
    }

    [Test]
    public void Field_metadata_carries_every_attribute()
    {
        var password = new TrackerIntegration().Fields.Single(f => f.Name == "password");

        password.Type.Should().Be(FieldType.Password);
        password.Title.Should().Be("API token");
        password.Required.Should().BeTrue();
        password.Section.Should().Be(FieldSections.Connection);
        password.NonEmptyPasswordTitle.Should().Be("Enter new API token");
        password.NonEmptyPasswordHelp.Should().Be("Leave blank to use your current token.");
        password.IsSecretValue.Should().BeTrue();
    }

    [Test]
    public void Select_fields_over_enums_list_the_members_as_choices()
    {
        var field = new ChatIntegration().Fields.Single(f => f.Name == "branches_to_be_notified");

        field.Choices.Select(c => c.Value).Should().Equal("all", "default", "protected", "default_and_protected");
        field.Choices[3].Label.Should().Be("Default and protected");
    }

    [Test]
    public void Titles_default_to_the_name_in_sentence_case()
    {
        new ChatIntegration().Fields.Single(f => f.Name == "channel").Title.Should().Be("Channel");
    }

    [Test]
    public void Fields_export_as_snake_case_json_for_front_ends()
    {
        var json = IntegrationsJson.SerializeFields(new TrackerIntegration().Fields);
        using var document = JsonDocument.Parse(json);
        var url = document.RootElement[0];

        url.GetProperty("name").GetString().Should().Be("url");
        url.GetProperty("type").GetString().Should().Be("text");
        url.GetProperty("title").GetString().Should().Be("Web URL");
        url.GetProperty("required").GetBoolean().Should().BeTrue();
        url.GetProperty("exposes_secrets").GetBoolean().Should().BeTrue();
        url.GetProperty("is_url").GetBoolean().Should().BeTrue();
        url.GetProperty("section").GetString().Should().Be("connection");
        url.TryGetProperty("placeholder", out _).Should().BeFalse("nulls are left out");

        var auth = document.RootElement.EnumerateArray().Single(e => e.GetProperty("name").GetString() == "auth_type");
        auth.GetProperty("type").GetString().Should().Be("select");
        auth.GetProperty("choices")[1].GetProperty("value").GetString().Should().Be("bearer");
    }

    [Test]
    public void String_list_fields_export_their_type_as_string_list()
    {
        var json = IntegrationsJson.SerializeFields(new ChatIntegration().Fields);

        json.Should().Contain("\"name\":\"labels\",\"type\":\"string_list\"");
        json.Should().Contain("\"min\":1,\"max\":30");
    }
}
