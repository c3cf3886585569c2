using System.Globalization;

namespace Integrations.State;

/// <summary>
/// "Do this once, whoever gets there first" on top of <see cref="IIntegrationState"/>: a key holds a claim while an
/// attempt does the work (opens the incident, posts the thread's first message) and then the work's result. Several
/// workers, retries and resends racing for one key see one winner; the others find the result, or a fresh claim to
/// wait for. A claim whose holder never came back (a timeout, a crash) is taken over once it is older than the given
/// age, so nothing waits forever.
/// </summary>
public static class IntegrationStateClaims
{
    private const string ClaimPrefix = "claim@";

    /// <summary>Claims <paramref name="key"/> unless its work was done (<see cref="StateClaimOutcome.Settled"/>) or another attempt holds a fresh claim (<see cref="StateClaimOutcome.Held"/>).</summary>
    /// <param name="state">The integration's state.</param>
    /// <param name="key">The key of the work (1–200 characters).</param>
    /// <param name="now">The attempt's time (<see cref="IntegrationExecutionContext.AttemptTime"/>).</param>
    /// <param name="staleAfter">How old another attempt's claim may be before this one takes it over.</param>
    /// <param name="cancellationToken">Cancels the claim.</param>
    public static async Task<StateClaim> ClaimAsync(this IIntegrationState state, string key, DateTimeOffset now, TimeSpan staleAfter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var claim = ClaimPrefix + now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        if (await state.TryAddAsync(key, claim, cancellationToken).ConfigureAwait(false))
        {
            return new StateClaim(StateClaimOutcome.Won, null);
        }

        var holder = await state.GetAsync(key, cancellationToken).ConfigureAwait(false);
        if (holder is not null && !IsClaim(holder))
        {
            return new StateClaim(StateClaimOutcome.Settled, holder);
        }

        if (holder is not null && now - ClaimedAt(holder) < staleAfter)
        {
            return new StateClaim(StateClaimOutcome.Held, null);
        }

        await state.SetAsync(key, claim, cancellationToken).ConfigureAwait(false);
        return new StateClaim(StateClaimOutcome.Won, null);
    }

    /// <summary>Whether a stored value is a claim (work in progress) rather than a settled result.</summary>
    /// <param name="value">A value read from the state.</param>
    public static bool IsClaim(string? value) => value is not null && value.StartsWith(ClaimPrefix, StringComparison.Ordinal);

    private static DateTimeOffset ClaimedAt(string claim) =>
        long.TryParse(claim.AsSpan(ClaimPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.MinValue;
}
