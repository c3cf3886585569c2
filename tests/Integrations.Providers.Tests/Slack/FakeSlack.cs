using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Integrations.Providers.Tests.Slack;

/// <summary>
/// Answers as Slack's incoming webhooks do: <c>POST /services/T…/B…/…</c> with a JSON body that has <c>text</c> or
/// <c>blocks</c>, within Block Kit's limits; 200 <c>ok</c>, or a status with Slack's error string. Anything Slack would
/// refuse is recorded in <see cref="Violations"/> and answered 400 <c>invalid_payload</c>.
/// </summary>
internal sealed class FakeSlack
{
    public const string Path = "/services/T0001/B0001/abcdefghijklmnopqrstuvwx";

    public List<string> Violations { get; } = [];

    public List<JsonObject> Messages { get; } = [];

    /// <summary>Per channel (or "" for none): the status and error string to answer instead of 200 ok.</summary>
    public Dictionary<string, (int Status, string Error, string? RetryAfter)> Failures { get; } = new(StringComparer.Ordinal);

    public Func<ReceivedRequest, HttpContext, Task> Respond => async (request, context) =>
    {
        var problems = Check(request);
        if (problems.Count > 0)
        {
            lock (Violations)
            {
                Violations.AddRange(problems);
            }

            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("invalid_payload");
            return;
        }

        var body = JsonNode.Parse(request.Body)!.AsObject();
        var channel = body["channel"]?.GetValue<string>() ?? string.Empty;
        if (Failures.TryGetValue(channel, out var failure))
        {
            context.Response.StatusCode = failure.Status;
            if (failure.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = failure.RetryAfter;
            }

            await context.Response.WriteAsync(failure.Error);
            return;
        }

        lock (Messages)
        {
            Messages.Add(body);
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/html";
        await context.Response.WriteAsync("ok");
    };

    private static List<string> Check(ReceivedRequest request)
    {
        var problems = new List<string>();
        if (request.Method != "POST" || request.PathAndQuery != Path)
        {
            problems.Add($"{request.Method} {request.PathAndQuery} is not the webhook");
        }

        if (request.Header("Content-Type")?.StartsWith("application/json", StringComparison.Ordinal) != true)
        {
            problems.Add("Content-Type is not application/json");
        }

        JsonObject body;
        try
        {
            body = JsonNode.Parse(request.Body)!.AsObject();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            problems.Add("the body is not a JSON object");
            return problems;
        }

        if (body["text"] is null && body["blocks"] is null)
        {
            problems.Add("neither text nor blocks");
        }

        if ((body["text"]?.GetValue<string>().Length ?? 0) > 40_000)
        {
            problems.Add("text longer than 40,000");
        }

        var blocks = (body["blocks"]?.AsArray() ?? []).Concat(body["attachments"]?.AsArray().SelectMany(a => a!["blocks"]?.AsArray() ?? []) ?? []).ToList();
        if (blocks.Count > 50)
        {
            problems.Add($"{blocks.Count} blocks");
        }

        var total = 0;
        foreach (var block in blocks)
        {
            if (block!["type"]?.GetValue<string>() != "section")
            {
                problems.Add("unexpected block type " + block["type"]);
                continue;
            }

            if (block["text"] is { } text)
            {
                var length = text["text"]!.GetValue<string>().Length;
                total += length;
                if (length > 3000 || text["type"]!.GetValue<string>() is not ("mrkdwn" or "plain_text"))
                {
                    problems.Add($"section text of {length} characters");
                }
            }

            if (block["fields"] is JsonArray fields)
            {
                if (fields.Count > 10)
                {
                    problems.Add($"{fields.Count} fields");
                }

                foreach (var field in fields)
                {
                    var length = field!["text"]!.GetValue<string>().Length;
                    total += length;
                    if (length > 2000)
                    {
                        problems.Add($"field of {length} characters");
                    }
                }
            }
        }

        if (total > 12_000)
        {
            problems.Add($"blocks hold {total} characters (msg_blocks_too_long)");
        }

        return problems;
    }
}
