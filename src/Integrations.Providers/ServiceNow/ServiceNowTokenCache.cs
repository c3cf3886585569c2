using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Integrations.Providers.ServiceNow;

/// <summary>
/// OAuth access tokens fetched with the client-credentials grant (<c>POST /oauth_token.do</c>), kept until a minute
/// before they expire, per instance, client id and secret (a changed secret fetches a new token).
/// </summary>
internal sealed class ServiceNowTokenCache(TimeProvider time)
{
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset Expires)> _tokens = new(StringComparer.Ordinal);

    /// <summary>A cached token for these credentials, or a new one; null with the failure when ServiceNow refused.</summary>
    public async Task<(string? Token, IntegrationResult? Failure)> GetAsync(HttpClient http, Uri instance, string clientId, string clientSecret,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = Key(instance, clientId, clientSecret);
        if (_tokens.TryGetValue(key, out var cached) && cached.Expires > time.GetUtcNow())
        {
            return (cached.Token, null);
        }

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
        });
        using var response = await http.PostAsync(new Uri(instance, "oauth_token.do"), form, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var body = ServiceNowApi.ParseJson(text);
        var token = body?["access_token"]?.GetValue<string>();
        if (!response.IsSuccessStatusCode || string.IsNullOrEmpty(token))
        {
            var why = body?["error_description"]?.GetValue<string>() ?? body?["error"]?.GetValue<string>();
            var result = IntegrationResult.FromHttpResponse(response, now);
            return (null, (result.Succeeded ? IntegrationResult.Failure(string.Empty) : result).WithMessage(
                $"ServiceNow refused the OAuth client credentials ({(int)response.StatusCode}{(why is null ? string.Empty : ": " + why)}): check the client id and secret, "
                + "that the client-credentials grant is enabled (glide.oauth.inbound.client.credential.grant_type.enabled) and that the OAuth client has an OAuth Application User."));
        }

        var lifetime = TimeSpan.FromSeconds(body?["expires_in"] is JsonValue seconds && seconds.TryGetValue<int>(out var s) ? s : 1800);
        _tokens[key] = (token, time.GetUtcNow() + (lifetime > Margin * 2 ? lifetime - Margin : lifetime / 2));
        return (token, null);
    }

    /// <summary>Forgets the token for these credentials (ServiceNow answered 401 with it).</summary>
    public void Forget(Uri instance, string clientId, string clientSecret) => _tokens.TryRemove(Key(instance, clientId, clientSecret), out _);

    private static string Key(Uri instance, string clientId, string clientSecret) =>
        $"{instance}|{clientId}|{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(clientSecret)))}";
}
