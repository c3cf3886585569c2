using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integrations.Providers.ServiceNow;

/// <summary>
/// Watches change requests until their approval is decided and then calls the host's
/// <see cref="IServiceNowApprovalHandler"/> once: registered by <c>AddServiceNowApprovalPolling</c>, which also runs
/// <see cref="PollAsync"/> in the background every <see cref="ServiceNowApprovalOptions.PollInterval"/>. The watch list
/// lives in memory: after a restart the host watches its still-waiting deployments again (it knows them from its own
/// data), and a decision made meanwhile is found on the first poll.
/// </summary>
public sealed partial class ServiceNowApprovalWatcher(ServiceNowApprovals approvals, IServiceScopeFactory scopes, ILogger<ServiceNowApprovalWatcher> logger)
{
    private readonly ConcurrentDictionary<string, (ServiceNowIntegration Settings, string SysId)> _watched = new(StringComparer.Ordinal);

    /// <summary>The references being watched.</summary>
    public IReadOnlyCollection<string> Watched => _watched.Keys.ToList();

    /// <summary>Watches a change request until its approval is decided; watching a reference again replaces the earlier watch.</summary>
    /// <param name="reference">The host's reference, handed back with the decision (a deployment id).</param>
    /// <param name="settings">The ServiceNow integration's (effective) settings to read it with.</param>
    /// <param name="change">The change request, as <see cref="ServiceNowApprovals.RequestAsync"/> returned it.</param>
    public void Watch(string reference, ServiceNowIntegration settings, ServiceNowChange change)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(change);
        _watched[reference] = (settings, change.SysId);
    }

    /// <summary>Stops watching; true when the reference was watched.</summary>
    /// <param name="reference">The host's reference.</param>
    public bool Unwatch(string reference) => _watched.TryRemove(reference, out _);

    /// <summary>
    /// Reads every watched change request once and hands each decided one to the handler (and stops watching it). A
    /// change request that can no longer be read is reported as cancelled; one ServiceNow fails to answer for stays
    /// watched. Returns how many decisions were handed over.
    /// </summary>
    /// <param name="cancellationToken">Cancels the poll.</param>
    public async Task<int> PollAsync(CancellationToken cancellationToken = default)
    {
        var decided = 0;
        foreach (var (reference, (settings, sysId)) in _watched.ToArray())
        {
            ServiceNowChange? change;
            try
            {
                change = await approvals.GetAsync(settings, sysId, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ServiceNowException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                Log.PollFailed(logger, reference, sysId, ex.Message);
                continue;
            }

            change ??= new ServiceNowChange(sysId, null, null, ServiceNowApprovalState.Cancelled, ServiceNowApi.RecordUrl(settings, ServiceNowTables.ChangeRequest, sysId));
            if (!change.IsDecided || !_watched.TryRemove(new KeyValuePair<string, (ServiceNowIntegration, string)>(reference, (settings, sysId))))
            {
                continue;
            }

            decided++;
            Log.Decided(logger, reference, change.Number ?? sysId, change.Approval);
            try
            {
                var scope = scopes.CreateAsyncScope();
                await using (scope.ConfigureAwait(false))
                {
                    await scope.ServiceProvider.GetRequiredService<IServiceNowApprovalHandler>()
                        .OnDecidedAsync(new ServiceNowApprovalDecision(reference, change), cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                Log.HandlerFailed(logger, ex, reference, change.Approval);
            }
        }

        return decided;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1601, Level = LogLevel.Warning, Message = "Could not read the approval of change request {SysId} for {Reference}; it stays watched: {Reason}")]
        public static partial void PollFailed(ILogger logger, string reference, string sysId, string reason);

        [LoggerMessage(EventId = 1602, Level = LogLevel.Information, Message = "Change request {Change} for {Reference} was decided: {Approval}")]
        public static partial void Decided(ILogger logger, string reference, string change, ServiceNowApprovalState approval);

        [LoggerMessage(EventId = 1603, Level = LogLevel.Error, Message = "The approval handler failed for {Reference} ({Approval}); the decision is not handed over again")]
        public static partial void HandlerFailed(ILogger logger, Exception exception, string reference, ServiceNowApprovalState approval);
    }
}
