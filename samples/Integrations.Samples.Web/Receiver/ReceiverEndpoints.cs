using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Integrations.Samples.Web.Api;

namespace Integrations.Samples.Web.Receiver;

/// <summary>
/// A built-in webhook receiver, so the whole loop is visible without internet: point a hook at
/// <c>http://127.0.0.1:5080/receiver/anything</c> (with local delivery allowed) and open <c>/receiver</c>.
/// <c>?status=500</c> on the hook URL makes it answer that status, to watch retries and auto-disable.
/// </summary>
internal static class ReceiverEndpoints
{
    public static void MapReceiver(this IEndpointRouteBuilder app)
    {
        app.MapPost("/receiver/{**path}", async (HttpContext http, ReceivedWebhooks received, TimeProvider time) =>
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(http.RequestAborted);
            var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            received.Add(time.GetUtcNow(), http.Request.Path + http.Request.QueryString, headers, body);
            var status = int.TryParse(http.Request.Query["status"], NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s is >= 200 and < 600 ? s : 200;
            return Results.Text("{\"received\":true}", "application/json", Encoding.UTF8, status);
        }).ExcludeFromDescription();

        app.MapGet("/receiver/requests", (ReceivedWebhooks received) => ApiResults.Json(new JsonArray(received.Latest.Select(r => (JsonNode?)new JsonObject
        {
            ["number"] = r.Number,
            ["at"] = r.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["path"] = r.Path,
            ["headers"] = new JsonObject(r.Headers.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)h.Value))),
            ["body"] = r.Body,
        }).ToArray()))).ExcludeFromDescription();

        app.MapGet("/receiver", (ReceivedWebhooks received) =>
        {
            var html = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Received webhooks</title></head><body><h1>Received webhooks</h1>");
            html.Append(CultureInfo.InvariantCulture, $"<p>{received.Latest.Count} most recent, newest first. Point a hook at <code>/receiver/…</code> on this host.</p>");
            foreach (var r in received.Latest)
            {
                html.Append(CultureInfo.InvariantCulture, $"<section><h2>#{r.Number} {WebUtility.HtmlEncode(r.Headers.GetValueOrDefault("X-Gitlab-Event") ?? "request")} at {r.At:u}</h2>");
                html.Append(CultureInfo.InvariantCulture, $"<p>{WebUtility.HtmlEncode(r.Path)}</p><pre>{WebUtility.HtmlEncode(string.Join('\n', r.Headers.Select(h => $"{h.Key}: {h.Value}")))}</pre>");
                html.Append(CultureInfo.InvariantCulture, $"<pre>{WebUtility.HtmlEncode(r.Body)}</pre></section>");
            }

            return Results.Content(html.Append("</body></html>").ToString(), "text/html", Encoding.UTF8);
        }).ExcludeFromDescription();
    }
}
