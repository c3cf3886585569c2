using System.Text.Json.Nodes;
using Integrations.State;

namespace Integrations.Providers.ServiceNow;

/// <summary>
/// Finds or opens the one record of a correlation id, so repeated deliveries, retries and several workers never open
/// two: the integration's state remembers the record's sys_id; without it, the table is searched by
/// <c>correlation_id</c>; only then does one attempt claim the right to create it (others wait and retry). A claim
/// whose create was refused is released; a claim whose outcome is unknown (a timeout) is kept, and the next attempt
/// finds the record by its correlation id, or, when nothing was created, takes the claim over after five minutes.
/// </summary>
internal sealed class ServiceNowRecords(ServiceNowApi api, IIntegrationState state, DateTimeOffset now)
{
    /// <summary>How long a claim whose create never came back blocks another attempt.</summary>
    public static readonly TimeSpan StaleClaim = TimeSpan.FromMinutes(5);

    /// <summary>Marks new record fields with their correlation, as the finder searches for it.</summary>
    public static void Correlate(JsonObject fields, string correlationId)
    {
        fields["correlation_id"] = correlationId;
        fields["correlation_display"] = "GitLab";
    }

    /// <summary>The sys_id of the correlation's record if it exists (state first, then the table); null when there is none.</summary>
    public async Task<(string? SysId, IntegrationResult? Failure)> FindAsync(string table, string correlationId, CancellationToken cancellationToken)
    {
        var known = await state.GetAsync(Key(table, correlationId), cancellationToken).ConfigureAwait(false);
        if (known is not null && !IntegrationStateClaims.IsClaim(known))
        {
            return (known, null);
        }

        var found = await api.GetAsync(ServiceNowApi.ByCorrelation(table, correlationId, "sys_id"), cancellationToken).ConfigureAwait(false);
        if (!found.Ok)
        {
            return (null, found.Result);
        }

        var sysId = (found.Record as JsonArray)?.FirstOrDefault()?["sys_id"]?.GetValue<string>();
        if (sysId is not null)
        {
            await state.SetAsync(Key(table, correlationId), sysId, cancellationToken).ConfigureAwait(false);
        }

        return (sysId, null);
    }

    /// <summary>The sys_id of the correlation's record, creating it with <paramref name="fields"/> when there is none.</summary>
    public async Task<(string? SysId, bool Created, IntegrationResult? Failure)> FindOrCreateAsync(string table, string correlationId, JsonObject fields,
        CancellationToken cancellationToken)
    {
        var (sysId, failure) = await FindAsync(table, correlationId, cancellationToken).ConfigureAwait(false);
        if (sysId is not null || failure is not null)
        {
            return (sysId, false, failure);
        }

        var key = Key(table, correlationId);
        var claim = await state.ClaimAsync(key, now, StaleClaim, cancellationToken).ConfigureAwait(false);
        switch (claim.Outcome)
        {
            case StateClaimOutcome.Settled:
                return (claim.Value, false, null);
            case StateClaimOutcome.Held:
                return (null, false, IntegrationResult.TransientFailure(
                    $"Another attempt is opening the {table} record for {correlationId}; this one waits and looks again.", TimeSpan.FromSeconds(30)));
        }

        Correlate(fields, correlationId);
        var created = await api.PostAsync(ServiceNowApi.Table(table) + "?sysparm_fields=sys_id,number", fields, cancellationToken).ConfigureAwait(false);
        sysId = created.Record?["sys_id"]?.GetValue<string>();
        if (!created.Ok || sysId is null)
        {
            await state.RemoveAsync(key, cancellationToken).ConfigureAwait(false);
            return (null, false, created.Ok ? IntegrationResult.Failure($"ServiceNow created a {table} record but did not return its sys_id.") : created.Result);
        }

        await state.SetAsync(key, sysId, cancellationToken).ConfigureAwait(false);
        return (sysId, true, null);
    }

    /// <summary>Whether a step (closing, resolving) was made for the correlation's record already: a repeated delivery skips it.</summary>
    public async Task<bool> StepDoneAsync(string table, string correlationId, string step, CancellationToken cancellationToken) =>
        await state.GetAsync(StepKey(table, correlationId, step), cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Remembers that a step was made. Steps are idempotent updates, so two racing attempts may both make it harmlessly.</summary>
    public Task MarkStepAsync(string table, string correlationId, string step, CancellationToken cancellationToken) =>
        state.SetAsync(StepKey(table, correlationId, step), "done", cancellationToken);

    private static string StepKey(string table, string correlationId, string step) => $"servicenow:{table}:{step}:{correlationId}";

    private static string Key(string table, string correlationId) => $"servicenow:{table}:{correlationId}";
}
