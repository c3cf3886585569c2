using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Integrations.Events;

namespace Integrations.Providers.Webhook;

/// <summary>
/// Custom payload templates (GitLab's <c>custom_webhook_template</c>): JSON text in which each <c>{{path}}</c> is
/// replaced by the value at that dotted path of the event's JSON, for example
/// <c>{"title": "{{object_attributes.title}}", "by": "{{user.username}}"}</c>. Strings are inserted JSON-escaped
/// (write the quotes in the template), numbers and booleans as they are; a missing path inserts nothing. A path
/// into an array, or to an object or array, is refused, and so is a result that is not JSON.
/// </summary>
public static partial class WebhookPayloadTemplate
{
    /// <summary>The longest template: 4,096 characters, as GitLab.</summary>
    public const int MaxLength = 4096;

    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    [GeneratedRegex(@"\{\{(.+?)\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    /// <summary>Renders a template with an event's JSON.</summary>
    /// <param name="template">The template.</param>
    /// <param name="payload">The event's JSON.</param>
    /// <returns>The JSON body as UTF-8.</returns>
    /// <exception cref="Webhooks.WebhookRequestException">The template does not fit this event; the message names the placeholder or the JSON error.</exception>
    public static byte[] Render(string template, JsonElement payload)
    {
        ArgumentNullException.ThrowIfNull(template);
        var text = Placeholder().Replace(template, m => ValueText(payload, m.Groups[1].Value.Trim(), m.Value));
        try
        {
            using var _ = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new Webhooks.WebhookRequestException($"The custom payload template is not valid JSON after substitution: {ex.Message}");
        }

        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>
    /// Checks a template before it is saved: its length, then a rendering with the sample event of every kind in
    /// <paramref name="events"/>. Returns null when it is usable, else the problem, naming the placeholder or the event.
    /// </summary>
    /// <param name="template">The template.</param>
    /// <param name="events">The event kinds the hook will receive.</param>
    public static string? FindProblem(string template, IntegrationEvents events)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (template.Length > MaxLength)
        {
            return $"is {template.Length} characters long; at most {MaxLength} are allowed.";
        }

        foreach (var kind in IntegrationEventNames.Split(events == IntegrationEvents.None ? IntegrationEvents.Push : events))
        {
            using var sample = JsonDocument.Parse(SampleEvents.For(kind).ToJsonUtf8());
            try
            {
                Render(template, sample.RootElement);
            }
            catch (Webhooks.WebhookRequestException ex)
            {
                return $"does not work for {IntegrationEventNames.GetName(kind)} events: {ex.Message}";
            }
        }

        return null;
    }

    private static string ValueText(JsonElement payload, string path, string placeholder)
    {
        var current = payload;
        var walked = new StringBuilder();
        foreach (var segment in path.Split('.'))
        {
            if (current.ValueKind == JsonValueKind.Array)
            {
                throw new Webhooks.WebhookRequestException($"{placeholder} points into an array ({walked}), which templates do not support.");
            }

            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
            {
                return string.Empty;
            }

            walked.Append(walked.Length == 0 ? string.Empty : ".").Append(segment);
        }

        return current.ValueKind switch
        {
            JsonValueKind.String => JsonEncodedText.Encode(current.GetString()!, Encoder).ToString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => current.GetRawText(),
            JsonValueKind.Null => string.Empty,
            JsonValueKind.Array => throw new Webhooks.WebhookRequestException($"{placeholder} is an array, which templates do not support; name one value."),
            _ => throw new Webhooks.WebhookRequestException($"{placeholder} is an object; name a value inside it, such as {{{{{path}.id}}}}."),
        };
    }
}
