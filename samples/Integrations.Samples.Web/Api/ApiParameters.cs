using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Integrations.Samples.Web.Api;

/// <summary>
/// A request's parameters as GitLab's API takes them: query string, form body or JSON body, merged (the body wins).
/// Scalars become text; arrays and objects (custom headers) stay JSON.
/// </summary>
internal sealed class ApiParameters
{
    /// <summary>The largest body the API reads: 1 MiB.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    private readonly Dictionary<string, JsonNode?> _values = new(StringComparer.Ordinal);

    public IEnumerable<string> Names => _values.Keys;

    public static async Task<(ApiParameters? Parameters, IResult? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var parameters = new ApiParameters();
        foreach (var (name, value) in request.Query)
        {
            parameters._values[name] = value.ToString();
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, ApiResults.Error(400, $"The request body is larger than {MaxBodyBytes} bytes."));
        }

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            foreach (var (name, value) in form)
            {
                parameters._values[name.EndsWith("[]", StringComparison.Ordinal) ? name[..^2] : name] = value.ToString();
            }

            return (parameters, null);
        }

        if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return (parameters, null);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                return (null, ApiResults.Error(400, $"The request body is larger than {MaxBodyBytes} bytes."));
            }
        }

        if (buffer.Length == 0)
        {
            return (parameters, null);
        }

        JsonNode? body;
        try
        {
            body = JsonNode.Parse(buffer.ToArray());
        }
        catch (JsonException ex)
        {
            return (null, ApiResults.Error(400, "The request body is not valid JSON: " + ex.Message));
        }

        if (body is not JsonObject obj)
        {
            return (null, ApiResults.Error(400, "The request body must be a JSON object."));
        }

        foreach (var (name, value) in obj)
        {
            parameters._values[name] = value is JsonValue v && v.GetValueKind() != JsonValueKind.String
                ? v.ToJsonString()
                : value?.DeepClone();
        }

        return (parameters, null);
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string? Text(string name) => _values.TryGetValue(name, out var value) ? value switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        var other => other.ToJsonString(),
    } : null;

    public JsonNode? Node(string name) => _values.GetValueOrDefault(name);

    public bool? Boolean(string name) => Text(name)?.Trim().ToLowerInvariant() switch
    {
        "true" or "1" or "on" or "yes" => true,
        "false" or "0" or "off" or "no" => false,
        _ => null,
    };

    public int? Integer(string name) => int.TryParse(Text(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
}
