namespace Integrations.State;

/// <summary>The answer of <see cref="IntegrationStateClaims.ClaimAsync"/>.</summary>
/// <param name="Outcome">Won, settled or held by another attempt.</param>
/// <param name="Value">With <see cref="StateClaimOutcome.Settled"/>, the settled value; else null.</param>
public readonly record struct StateClaim(StateClaimOutcome Outcome, string? Value);
