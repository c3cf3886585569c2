namespace Integrations.Providers.ServiceNow;

/// <summary>A decided approval, as <see cref="IServiceNowApprovalHandler"/> receives it.</summary>
/// <param name="Reference">The host's reference given to <see cref="ServiceNowApprovalWatcher.Watch"/> (a deployment id).</param>
/// <param name="Change">The change request, with its decided <see cref="ServiceNowChange.Approval"/>.</param>
public sealed record ServiceNowApprovalDecision(string Reference, ServiceNowChange Change);
