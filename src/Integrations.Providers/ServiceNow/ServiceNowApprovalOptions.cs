namespace Integrations.Providers.ServiceNow;

/// <summary>How <see cref="ServiceNowApprovalWatcher"/> polls.</summary>
public sealed class ServiceNowApprovalOptions
{
    /// <summary>How often each watched change request is read; 30 seconds by default, at least one second.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);
}
