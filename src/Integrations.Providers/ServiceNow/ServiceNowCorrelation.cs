using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Integrations.Providers.ServiceNow;

/// <summary>
/// The <c>correlation_id</c> of the records the integration opens: readable where it fits ServiceNow's 100 characters
/// (<c>forge.example.test/platform/app/-/deployments/15</c>), a hash of it otherwise. The same event always gives the
/// same id, so a record is found again by its correlation whoever opened it (a delivery or the approval gate).
/// </summary>
public static class ServiceNowCorrelation
{
    /// <summary>The most characters ServiceNow keeps in <c>correlation_id</c>.</summary>
    public const int MaxLength = 100;

    /// <summary>The correlation id of a deployment's change request.</summary>
    /// <param name="deployment">The deployment event.</param>
    public static string For(Events.Payloads.DeploymentEvent deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return From(string.Create(CultureInfo.InvariantCulture, $"{deployment.Project.WebUrl}/-/deployments/{deployment.DeploymentId}"));
    }

    /// <summary>The correlation id of an alert's incident (its page identifies it: GitLab's alert payload carries no id).</summary>
    /// <param name="alert">The alert event.</param>
    public static string For(Events.Payloads.AlertEvent alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return From(alert.ObjectAttributes.Url);
    }

    private static string From(string url)
    {
        var id = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
        return id.Length <= MaxLength ? id : "gitlab:sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
    }
}
