namespace Integrations;

/// <summary>How secrets are shown: a fixed mask that reveals neither the value nor its length.</summary>
public static class SecretMask
{
    /// <summary>The mask shown instead of a secret value: <c>************</c>.</summary>
    public const string Value = "************";

    /// <summary>
    /// Query parameter names whose values are treated as secrets in URLs (compared ignoring case): <c>token</c>,
    /// <c>access_token</c>, <c>private_token</c>, <c>api_key</c>, <c>apikey</c>, <c>key</c>, <c>sig</c>,
    /// <c>signature</c>, <c>secret</c>, <c>client_secret</c>, <c>password</c>, <c>pass</c>, <c>pwd</c>, <c>auth</c>,
    /// <c>code</c>, <c>jwt</c>, <c>session</c> and the forms of these written with <c>-</c> instead of <c>_</c>.
    /// </summary>
    public static IReadOnlySet<string> SecretQueryNames { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "token", "access_token", "access-token", "private_token", "private-token", "api_key", "api-key", "apikey", "key",
        "sig", "signature", "secret", "client_secret", "client-secret", "password", "pass", "pwd", "auth", "code", "jwt", "session",
    };

    /// <summary>
    /// A URL as it may be shown (in <c>ToString()</c>, client JSON, logs): the user-info part (<c>user:password@</c>) is
    /// always masked, and so is the value of every query parameter named in <see cref="SecretQueryNames"/>. Text that is
    /// not an absolute URL is returned unchanged.
    /// </summary>
    /// <param name="url">The URL text.</param>
    /// <returns>The URL with its secrets masked.</returns>
    public static string Url(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || (string.IsNullOrEmpty(uri.UserInfo) && uri.Query.Length <= 1))
        {
            return url; // Nothing to mask: shown exactly as written.
        }

        var builder = new UriBuilder(uri);
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            builder.UserName = Value;
            builder.Password = string.Empty;
        }

        if (builder.Query.Length > 1)
        {
            builder.Query = string.Join('&', builder.Query[1..].Split('&').Select(pair =>
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                return eq > 0 && SecretQueryNames.Contains(Uri.UnescapeDataString(pair[..eq])) ? pair[..eq] + "=" + Value : pair;
            }));
        }

        return builder.Uri.AbsoluteUri;
    }
}
