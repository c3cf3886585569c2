namespace Integrations.Http;

/// <summary>
/// The save-time check of a URL an integration will call, for validators of URLs that no <c>IsUrl</c> field holds
/// (a URL built from a site name, or interpolated from variables). The connect-time guard of
/// <see cref="IntegrationExecutionContext.Http"/> stays the real defence.
/// </summary>
public interface IOutboundUrlCheck
{
    /// <summary>
    /// Null when the URL may be delivered to as far as can be told without resolving its host; otherwise why not
    /// (a scheme other than http or https, a local-network address the instance does not allow), naming the options
    /// that would allow it.
    /// </summary>
    /// <param name="url">An absolute URL.</param>
    string? WhyRefused(Uri url);
}
