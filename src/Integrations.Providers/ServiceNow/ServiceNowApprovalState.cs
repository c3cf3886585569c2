namespace Integrations.Providers.ServiceNow;

/// <summary>Where a change request's approval stands (its <c>approval</c> field, and Canceled changes).</summary>
public enum ServiceNowApprovalState
{
    /// <summary>Approvers have not been asked yet (<c>not requested</c>): the change is still being assessed.</summary>
    NotYetRequested,

    /// <summary>Approvers were asked and have not all decided (<c>requested</c>).</summary>
    Requested,

    /// <summary>Approved: the deployment may go ahead.</summary>
    Approved,

    /// <summary>Rejected: the deployment must not go ahead.</summary>
    Rejected,

    /// <summary>The approval or the change request was cancelled.</summary>
    Cancelled,
}
