namespace Integrations.Providers.ServiceNow;

/// <summary>How the integration signs in to the ServiceNow instance.</summary>
public enum ServiceNowAuthentication
{
    /// <summary>A ServiceNow user's name and password (HTTP Basic).</summary>
    Basic,

    /// <summary>
    /// An OAuth application's client id and secret (client-credentials grant, ServiceNow Washington DC and later, with
    /// <c>glide.oauth.inbound.client.credential.grant_type.enabled</c> and an OAuth Application User on the client).
    /// </summary>
    ClientCredentials,
}
