using System.Text;
using System.Text.Json;
using Integrations.Properties;

namespace Integrations.Http;

/// <summary>
/// Removes secrets from what the delivery log stores: values of the integration's secret fields wherever they appear,
/// user info and credential-like query values in URLs, and credential headers.
/// </summary>
internal sealed class DeliveryRedactor
{
    private const string Redacted = "[REDACTED]";

    private static readonly HashSet<string> SecretHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "X-Gitlab-Token", "X-Api-Key", "Api-Key",
        "x-sn-apikey", "DD-API-KEY", "X-Auth-Token", "Private-Token", "X-Slack-Signature",
    };

    private readonly string[] _secrets;
    private readonly Uri[] _secretUrls;

    public DeliveryRedactor(Integration integration)
    {
        var values = integration.Fields.Where(f => f.IsSecretValue)
            .SelectMany(f => NamedValues.SecretTexts(integration.Bag.GetRaw(f.Name)))
            .Where(v => v.Length >= 4)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        _secretUrls = values.Select(v => Uri.TryCreate(v, UriKind.Absolute, out var u) ? u : null).Where(u => u is not null).Cast<Uri>().ToArray();
        _secrets = values.OrderByDescending(v => v.Length).ToArray();
    }

    public string Url(Uri url)
    {
        foreach (var secretUrl in _secretUrls)
        {
            if (url.AbsoluteUri.StartsWith(secretUrl.GetLeftPart(UriPartial.Path), StringComparison.Ordinal))
            {
                // The URL itself is the credential (a Slack or Teams webhook URL): show only where it goes.
                return url.GetLeftPart(UriPartial.Authority) + "/" + SecretMask.Value;
            }
        }

        return Text(SecretMask.Url(url.AbsoluteUri))!;
    }

    public string Headers(IEnumerable<KeyValuePair<string, string>> headers, int max = int.MaxValue)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in headers.Take(max))
            {
                writer.WriteString(name, SecretHeaders.Contains(name) ? Redacted : Text(value));
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public string? Body(byte[] body) => body.Length == 0 ? null : Text(Encoding.UTF8.GetString(body));

    public string? Text(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, SecretMask.Value, StringComparison.Ordinal);
        }

        return text;
    }
}
