namespace Integrations.Providers.ServiceNow;

/// <summary>
/// The host's reaction to an approval decision found by <see cref="ServiceNowApprovalWatcher"/>: start the deployment
/// when approved, stop it when rejected or cancelled. Registered as scoped; called once per decision in this process.
/// </summary>
public interface IServiceNowApprovalHandler
{
    /// <summary>A watched change request's approval was decided.</summary>
    /// <param name="decision">The host's reference and the change request as decided.</param>
    /// <param name="cancellationToken">Cancelled when the host stops.</param>
    Task OnDecidedAsync(ServiceNowApprovalDecision decision, CancellationToken cancellationToken);
}
