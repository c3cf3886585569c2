using Integrations.Events;
using Integrations.Events.Payloads;

namespace Integrations.Providers.Tests.ServiceNow;

/// <summary>Deployment and alert events at each point of their life, built from the library's samples.</summary>
internal static class ServiceNowEvents
{
    public static DeploymentEvent Deployment(string status, long id = 15, string tier = "production") => new()
    {
        Status = status,
        StatusChangedAt = SampleEvents.Deployment().StatusChangedAt,
        DeploymentId = id,
        DeployableId = 796,
        DeployableUrl = "https://forge.example.test/platform/billing-api/-/jobs/796",
        Environment = tier == "production" ? "production" : "review/feature",
        EnvironmentTier = tier,
        EnvironmentSlug = tier,
        Project = SampleEvents.Deployment().Project,
        ShortSha = "279484c0",
        User = SampleEvents.Deployment().User,
        UserUrl = "https://forge.example.test/ada",
        CommitUrl = "https://forge.example.test/platform/billing-api/-/commit/279484c0",
        CommitTitle = "Round half to even",
        DeployedRef = "main",
    };

    public static AlertEvent Alert(string status, string severity = "critical", int iid = 7) => new()
    {
        ObjectAttributes = SampleEvents.Alert().ObjectAttributes with
        {
            Status = status,
            Severity = severity,
            Url = $"https://forge.example.test/platform/billing-api/-/alert_management/{iid}/details",
        },
    };
}
