namespace Integrations.DeliveryLog;

/// <summary>One page of deliveries.</summary>
/// <param name="Items">The deliveries, newest first.</param>
/// <param name="Page">The page number.</param>
/// <param name="PageSize">The page size.</param>
/// <param name="HasMore">Whether another page follows.</param>
public sealed record DeliveryPage(IReadOnlyList<DeliverySummary> Items, int Page, int PageSize, bool HasMore);
