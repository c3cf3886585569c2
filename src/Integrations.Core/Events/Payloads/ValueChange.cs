using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Serialization;

namespace Integrations.Events.Payloads;

/// <summary>One entry of <c>changes</c>: <c>{ "previous": …, "current": … }</c>.</summary>
/// <param name="Previous">The value before.</param>
/// <param name="Current">The value after.</param>
public sealed record ValueChange(JsonNode? Previous, JsonNode? Current)
{
    /// <summary>A change of a simple value (string, number, boolean, date or null).</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="previous">Before.</param>
    /// <param name="current">After.</param>
    public static ValueChange Of<T>(T? previous, T? current) =>
        new(JsonSerializer.SerializeToNode(previous, typeof(T), IntegrationsJson.PropertyOptions),
            JsonSerializer.SerializeToNode(current, typeof(T), IntegrationsJson.PropertyOptions));

    /// <summary>A change of the label list.</summary>
    /// <param name="previous">Labels before.</param>
    /// <param name="current">Labels after.</param>
    public static ValueChange Labels(IReadOnlyList<GitLabLabel> previous, IReadOnlyList<GitLabLabel> current) =>
        new(JsonSerializer.SerializeToNode(previous, EventsJsonContext.Default.IReadOnlyListGitLabLabel),
            JsonSerializer.SerializeToNode(current, EventsJsonContext.Default.IReadOnlyListGitLabLabel));
}
