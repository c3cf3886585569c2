using System.Globalization;
using System.Text;
using Integrations.DeliveryLog;
using Integrations.Samples.Web.Api;
using Microsoft.AspNetCore.Antiforgery;
using static Integrations.Samples.Web.Ui.Html;

namespace Integrations.Samples.Web.Ui;

/// <summary>Recent deliveries of an integration or hook, each with its attempts (request, response, duration), and resend.</summary>
internal static class DeliveryPages
{
    public static void MapDeliveryPages(this RouteGroupBuilder ui) =>
        ui.MapPost("/deliveries/{deliveryId:guid}/resend", async (Guid deliveryId, HttpContext http, IDeliveryLog log, IAntiforgery antiforgery) =>
        {
            await antiforgery.ValidateRequestAsync(http);
            var back = (await http.Request.ReadFormAsync(http.RequestAborted))["return"].ToString();
            if (await log.GetAsync(deliveryId, http.RequestAborted) is not { } delivery || !MayAccess(http, delivery))
            {
                return Page("Not found", http.User().Name, "<h1>Not found</h1>", 404);
            }

            await log.ResendAsync(deliveryId, http.RequestAborted);
            return Results.Redirect(back.StartsWith("/ui/", StringComparison.Ordinal) ? back + (back.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "resent=1" : "/ui");
        });

    /// <summary>The table of an integration's latest deliveries, newest first, with filters by status and event.</summary>
    public static async Task<string> RecentAsync(HttpContext http, IDeliveryLog log, Guid integrationId, UiScope scope)
    {
        var status = Enum.TryParse<DeliveryStatus>(http.Request.Query["status"], ignoreCase: true, out var s) ? s : (DeliveryStatus?)null;
        var kind = IntegrationEventNames.TryParse(http.Request.Query["event"], out var k) ? k : (IntegrationEvents?)null;
        var since = DateTimeOffset.TryParseExact(http.Request.Query["since"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var day) ? day : (DateTimeOffset?)null;
        var page = await log.QueryAsync(new DeliveryQuery { IntegrationId = integrationId, Status = status, Event = kind, From = since, PageSize = 20 }, http.RequestAborted);
        var self = http.Request.Path.Value ?? "/ui";
        var html = new StringBuilder("<section aria-labelledby=\"recent\"><h2 id=\"recent\">Recent deliveries</h2>");
        if (http.Request.Query.ContainsKey("resent"))
        {
            html.Append("<div class=\"notice\" role=\"status\">The delivery was queued again.</div>");
        }

        html.Append("<form method=\"get\" class=\"filters\"><label for=\"status-filter\">Status</label> <select id=\"status-filter\" name=\"status\"><option value=\"\">Any</option>");
        foreach (var option in Enum.GetValues<DeliveryStatus>())
        {
            html.Append(CultureInfo.InvariantCulture, $"<option value=\"{option}\"{(option == status ? " selected" : string.Empty)}>{option}</option>");
        }

        html.Append("</select> <label for=\"event-filter\">Event</label> <select id=\"event-filter\" name=\"event\"><option value=\"\">Any</option>");
        foreach (var option in IntegrationEventNames.Split(IntegrationEvents.All))
        {
            html.Append(CultureInfo.InvariantCulture, $"<option value=\"{E(IntegrationEventNames.GetName(option))}\"{(option == kind ? " selected" : string.Empty)}>{E(IntegrationEventNames.GetName(option))}</option>");
        }

        html.Append(CultureInfo.InvariantCulture, $"</select> <label for=\"since-filter\">Since</label> <input type=\"date\" id=\"since-filter\" name=\"since\" value=\"{E(http.Request.Query["since"])}\"> <button type=\"submit\" class=\"secondary\">Filter</button></form>");
        if (page.Items.Count == 0)
        {
            return html.Append(status is null && kind is null && since is null ? "<p>No deliveries yet.</p></section>" : "<p>No delivery matches the filter.</p></section>").ToString();
        }

        html.Append("<table><thead><tr><th scope=\"col\">When</th><th scope=\"col\">Event</th><th scope=\"col\">Status</th><th scope=\"col\">Attempts</th><th scope=\"col\">Details</th><th scope=\"col\"><span class=\"skip\">Actions</span></th></tr></thead><tbody>");
        foreach (var delivery in page.Items)
        {
            var attempts = await log.GetAttemptsAsync(delivery.Id, http.RequestAborted);
            var last = attempts.Count > 0 ? attempts[^1] : null;
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"delivery\" data-status=\"{delivery.Status}\"><td>{E(delivery.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{E(delivery.Event)}</td><td>{E(delivery.Status.ToString())}{(delivery.LastStatusCode is { } code ? $" ({code})" : string.Empty)}</td><td>{delivery.Attempts}</td><td>");
            if (last is not null)
            {
                html.Append(CultureInfo.InvariantCulture, $"<details><summary>Request and response ({last.Duration.TotalMilliseconds:0} ms)</summary>")
                    .Append(CultureInfo.InvariantCulture, $"<p>{E(last.RequestMethod)} {E(last.RequestUrl)}</p><pre>{E(last.RequestBody)}</pre>")
                    .Append(CultureInfo.InvariantCulture, $"<p>Response {E(last.ResponseStatus?.ToString(CultureInfo.InvariantCulture) ?? "none")}</p><pre>{E(last.ResponseBody ?? last.Error)}</pre></details>");
            }
            else if (delivery.LastError is not null)
            {
                html.Append(E(delivery.LastError));
            }

            html.Append(CultureInfo.InvariantCulture, $"</td><td><form method=\"post\" action=\"/ui/deliveries/{delivery.Id}/resend\">{Antiforgery(http)}<input type=\"hidden\" name=\"return\" value=\"{E(self)}\"><button type=\"submit\" class=\"secondary\" aria-label=\"Resend the {E(delivery.Event)} delivery of {E(delivery.CreatedAt.ToString("HH:mm:ss", CultureInfo.InvariantCulture))}\">Resend</button></form></td></tr>");
        }

        return html.Append("</tbody></table></section>").ToString();
    }

    /// <summary>Administrators may resend anything; others the deliveries of projects (the forge has no per-project roles).</summary>
    private static bool MayAccess(HttpContext http, DeliverySummary delivery) => http.User().IsAdmin || delivery.ProjectId is not null;
}
