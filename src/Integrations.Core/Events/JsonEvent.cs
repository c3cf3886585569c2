using System.Text.Json;

namespace Integrations.Events;

/// <summary>
/// An event whose GitLab-compatible JSON the host already has (bridging another system, replaying a stored payload).
/// </summary>
public sealed class JsonEvent : IntegrationEvent
{
    private readonly byte[] _json;
    private readonly string? _ref;

    /// <summary>Creates the event.</summary>
    /// <param name="kind">The single event kind.</param>
    /// <param name="json">The payload, a JSON object in UTF-8.</param>
    /// <param name="gitRef">The full ref for push-like events.</param>
    /// <exception cref="ArgumentException">The kind is not a single event, or the JSON is not an object.</exception>
    public JsonEvent(IntegrationEvents kind, ReadOnlySpan<byte> json, string? gitRef = null)
    {
        _ = IntegrationEventNames.GetName(kind);
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException("The payload must be a JSON object.", nameof(json));
            }
        }
        catch (JsonException ex)
        {
            throw new ArgumentException("The payload is not valid JSON: " + ex.Message, nameof(json), ex);
        }

        Kind = kind;
        _json = json.ToArray();
        _ref = gitRef;
    }

    /// <inheritdoc />
    public override IntegrationEvents Kind { get; }

    /// <inheritdoc />
    public override string? Ref => _ref;

    /// <inheritdoc />
    public override byte[] ToJsonUtf8() => _json;
}
