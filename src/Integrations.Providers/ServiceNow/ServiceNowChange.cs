namespace Integrations.Providers.ServiceNow;

/// <summary>A change request as the approval gate sees it.</summary>
/// <param name="SysId">Its sys_id.</param>
/// <param name="Number">Its number (<c>CHG0030001</c>).</param>
/// <param name="State">Its state value (<c>-5</c> New … <c>3</c> Closed, <c>4</c> Canceled).</param>
/// <param name="Approval">Where its approval stands.</param>
/// <param name="Url">Its page on the instance.</param>
public sealed record ServiceNowChange(string SysId, string? Number, string? State, ServiceNowApprovalState Approval, Uri Url)
{
    /// <summary>Whether the approval is decided (approved, rejected or cancelled): polling can stop.</summary>
    public bool IsDecided => Approval is ServiceNowApprovalState.Approved or ServiceNowApprovalState.Rejected or ServiceNowApprovalState.Cancelled;
}
