namespace Integrations.State;

/// <summary>What <see cref="IntegrationStateClaims.ClaimAsync"/> found.</summary>
public enum StateClaimOutcome
{
    /// <summary>This caller holds the claim now: do the work, then settle or release it.</summary>
    Won,

    /// <summary>The work was done already: <see cref="StateClaim.Value"/> holds its result (a sys_id, a message ts).</summary>
    Settled,

    /// <summary>Another attempt holds a fresh claim and is doing the work: wait and look again.</summary>
    Held,
}
