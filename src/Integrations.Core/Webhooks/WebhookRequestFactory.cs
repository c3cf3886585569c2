using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Integrations.Webhooks;

/// <summary>Builds the HTTP request of a <see cref="WebhookMessage"/>, with GitLab's headers and the signatures.</summary>
public static class WebhookRequestFactory
{
    /// <summary>Builds the request for one attempt.</summary>
    /// <param name="message">The message.</param>
    /// <param name="attemptTime">This attempt's time, for <c>webhook-timestamp</c> (take it from <see cref="TimeProvider"/>).</param>
    public static HttpRequestMessage Create(WebhookMessage message, DateTimeOffset attemptTime)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (url, basic) = SplitUserInfo(message.Url);
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ReadOnlyMemoryContent(message.Body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        foreach (var (name, value) in message.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var deliveryId = message.DeliveryId.ToString();
        Set(request, WebhookHeaders.GitlabEvent, WebhookHeaders.GitlabEventName(message.Event));
        Set(request, WebhookHeaders.GitlabEventUuid, message.EventId.ToString());
        Set(request, WebhookHeaders.GitlabWebhookUuid, Guid.NewGuid().ToString());
        Set(request, WebhookHeaders.IdempotencyKey, deliveryId);
        if (!string.IsNullOrEmpty(message.InstanceUrl))
        {
            Set(request, WebhookHeaders.GitlabInstance, message.InstanceUrl);
        }

        if (!string.IsNullOrEmpty(message.Token))
        {
            Set(request, WebhookHeaders.GitlabToken, message.Token.Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal));
        }

        var timestamp = attemptTime.ToUnixTimeSeconds();
        Set(request, WebhookHeaders.Id, deliveryId);
        Set(request, WebhookHeaders.Timestamp, timestamp.ToString(CultureInfo.InvariantCulture));
        if (message.SigningSecrets.Count > 0)
        {
            Set(request, WebhookHeaders.Signature, WebhookSignatures.StandardWebhooks(deliveryId, timestamp, message.Body.Span, message.SigningSecrets));
        }

        if (!string.IsNullOrEmpty(message.HubSecret))
        {
            Set(request, WebhookHeaders.HubSignature256, WebhookSignatures.HubSignature256(message.HubSecret, message.Body.Span));
        }

        if (message.Authorization is not null)
        {
            request.Headers.Authorization = message.Authorization;
        }
        else if (basic is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        }

        return request;
    }

    private static void Set(HttpRequestMessage request, string name, string value)
    {
        request.Headers.Remove(name);
        request.Headers.TryAddWithoutValidation(name, value);
    }

    private static (Uri Url, string? Basic) SplitUserInfo(Uri url)
    {
        if (string.IsNullOrEmpty(url.UserInfo))
        {
            return (url, null);
        }

        var credentials = Uri.UnescapeDataString(url.UserInfo);
        var stripped = new UriBuilder(url) { UserName = string.Empty, Password = string.Empty }.Uri;
        return (stripped, Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
    }
}
