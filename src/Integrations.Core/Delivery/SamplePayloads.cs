using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Integrations.Delivery;

/// <summary>Small GitLab-shaped sample payloads for "Test settings", independent of the host's data.</summary>
internal static class SamplePayloads
{
    public static byte[] For(IntegrationEvents kind, IntegrationScope project, DateTimeOffset now)
    {
        var name = IntegrationEventNames.GetName(kind);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("object_kind", kind switch
            {
                IntegrationEvents.ConfidentialIssue => "issue",
                IntegrationEvents.ConfidentialNote => "note",
                IntegrationEvents.Job => "build",
                _ => name,
            });
            writer.WriteString("event_name", name);
            writer.WriteBoolean("test", true);
            writer.WriteString("ref", "refs/heads/main");
            writer.WriteString("created_at", now.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
            writer.WriteStartObject("user");
            writer.WriteNumber("id", 1);
            writer.WriteString("name", "Integration test");
            writer.WriteString("username", "integration-test");
            writer.WriteEndObject();
            writer.WriteStartObject("project");
            writer.WriteString("id", project.Id);
            writer.WriteString("name", "Sample project");
            writer.WriteEndObject();
            writer.WriteString("message", "This is a test delivery sent by \"Test settings\".");
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
