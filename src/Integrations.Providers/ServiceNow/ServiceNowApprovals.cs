using System.Text.Json.Nodes;
using Integrations.Events.Payloads;
using Integrations.Http;

namespace Integrations.Providers.ServiceNow;

/// <summary>
/// The approval gate for the host's deployment flow: <see cref="RequestAsync"/> opens (or finds) the deployment's change
/// request, <see cref="GetAsync"/> reads where its approval stands. The change request is the one the deployment's
/// events later close (same <c>correlation_id</c>), so a gated deployment has one change request from request to close.
/// Calls go through the library's guarded client; failures throw <see cref="ServiceNowException"/> with a message that
/// says what to do. To be told when a decision arrives instead of polling yourself, see
/// <see cref="ServiceNowApprovalWatcher"/>.
/// </summary>
public sealed class ServiceNowApprovals(IHttpClientFactory clients, TimeProvider time, IServiceProvider services)
{
    private const string Fields = "sys_id,number,state,approval";

    /// <summary>The change request state ServiceNow calls Assess, where a normal change's approvals are requested.</summary>
    private const string AssessState = "-4";

    /// <summary>The change request state ServiceNow calls Authorize, where an emergency change's approvals are requested.</summary>
    private const string AuthorizeState = "-3";

    /// <summary>
    /// Opens the change request for a deployment that waits for approval and requests approval (moves it to Assess, or
    /// Authorize for emergency changes, as the form's "Request Approval" action does), or returns the one already open
    /// for it (found by its correlation id, so calling again after a crash or from another instance opens no second one).
    /// </summary>
    /// <param name="settings">The ServiceNow integration's (effective) settings.</param>
    /// <param name="deployment">The deployment, as its event will be dispatched.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<ServiceNowChange> RequestAsync(ServiceNowIntegration settings, DeploymentEvent deployment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(deployment);
        var api = Api(settings);
        var correlation = ServiceNowCorrelation.For(deployment);
        var query = ServiceNowApi.ByCorrelation(ServiceNowTables.ChangeRequest, correlation, Fields);
        var found = (Check(await CallAsync(() => api.GetAsync(query, cancellationToken), settings, cancellationToken).ConfigureAwait(false)) as JsonArray)?.FirstOrDefault();
        if (found is not null)
        {
            return Change(api, found);
        }

        var fields = ServiceNowChanges.Fields(settings, deployment);
        ServiceNowRecords.Correlate(fields, correlation);
        var created = Change(api, Check(await CallAsync(() => api.PostAsync($"{ServiceNowApi.Table(ServiceNowTables.ChangeRequest)}?sysparm_fields={Fields}", fields, cancellationToken),
            settings, cancellationToken).ConfigureAwait(false)) ?? throw new ServiceNowException("ServiceNow created the change request but returned no record."));

        // What the form's "Request Approval" action does: move a new change to Assess (normal) or Authorize (emergency).
        var next = settings.ChangeType == ServiceNowChangeType.Emergency ? AuthorizeState : AssessState;
        var moved = Check(await CallAsync(() => api.PatchAsync($"{ServiceNowApi.Table(ServiceNowTables.ChangeRequest, created.SysId)}?sysparm_fields={Fields}",
            new JsonObject { ["state"] = next }, cancellationToken), settings, cancellationToken).ConfigureAwait(false));
        return moved is null ? created : Change(api, moved);
    }

    /// <summary>The change request with its approval as it stands now; null when it no longer exists or an ACL hides it.</summary>
    /// <param name="settings">The ServiceNow integration's (effective) settings.</param>
    /// <param name="sysId">The change request's sys_id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<ServiceNowChange?> GetAsync(ServiceNowIntegration settings, string sysId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(sysId);
        var api = Api(settings);
        var answer = await CallAsync(() => api.GetAsync($"{ServiceNowApi.Table(ServiceNowTables.ChangeRequest, sysId)}?sysparm_fields={Fields}", cancellationToken),
            settings, cancellationToken).ConfigureAwait(false);
        return answer.Status == 404 ? null : Change(api, Check(answer) ?? throw new ServiceNowException("ServiceNow returned no change request."));
    }

    /// <summary>Maps the <c>approval</c> field (and a Canceled state) to <see cref="ServiceNowApprovalState"/>.</summary>
    /// <param name="approval">The field's value: <c>not requested</c>, <c>requested</c>, <c>approved</c>, <c>rejected</c>, <c>cancelled</c>, …</param>
    /// <param name="state">The change request's state value.</param>
    public static ServiceNowApprovalState Interpret(string? approval, string? state) =>
        state == ServiceNowChanges.CanceledState ? ServiceNowApprovalState.Cancelled : approval?.Trim().ToLowerInvariant() switch
        {
            "approved" => ServiceNowApprovalState.Approved,
            "rejected" => ServiceNowApprovalState.Rejected,
            "cancelled" or "canceled" => ServiceNowApprovalState.Cancelled,
            "requested" => ServiceNowApprovalState.Requested,
            _ => ServiceNowApprovalState.NotYetRequested,
        };

    private ServiceNowApi Api(ServiceNowIntegration settings) =>
        settings.Api(clients.CreateClient(IntegrationsHttp.ClientName), services, time.GetUtcNow());

    /// <summary>Runs a call, turning a transport failure (refused by the network guard, unreachable, timed out) into a <see cref="ServiceNowException"/>.</summary>
    private static async Task<ServiceNowAnswer> CallAsync(Func<Task<ServiceNowAnswer>> call, ServiceNowIntegration settings, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ServiceNowException($"ServiceNow at {settings.InstanceUrl} could not be reached: {ex.Message}", ex) { IsTransient = true };
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ServiceNowException($"ServiceNow at {settings.InstanceUrl} did not answer in time.", ex) { IsTransient = true };
        }
    }

    private static ServiceNowChange Change(ServiceNowApi api, JsonNode record)
    {
        var sysId = ServiceNowApi.Text(record["sys_id"]) ?? throw new ServiceNowException("ServiceNow returned a change request without a sys_id.");
        var state = ServiceNowApi.Text(record["state"]);
        return new ServiceNowChange(sysId, ServiceNowApi.Text(record["number"]), state, Interpret(ServiceNowApi.Text(record["approval"]), state),
            api.RecordUrl(ServiceNowTables.ChangeRequest, sysId));
    }

    private static JsonNode? Check(ServiceNowAnswer answer) => answer.Ok
        ? answer.Record
        : throw new ServiceNowException(answer.Result.Message ?? $"ServiceNow answered {answer.Status}.") { StatusCode = answer.Status, IsTransient = answer.Result.IsTransient };
}
