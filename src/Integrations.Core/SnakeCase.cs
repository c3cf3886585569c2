using System.Text.Json;

namespace Integrations;

/// <summary>The one naming rule for stored keys: <c>WebhookUrl</c> → <c>webhook_url</c>.</summary>
internal static class SnakeCase
{
    public static string Convert(string name) =>
        name.Length > 0 && (char.IsUpper(name[0]) || name.Any(char.IsUpper))
            ? JsonNamingPolicy.SnakeCaseLower.ConvertName(name)
            : name;
}
