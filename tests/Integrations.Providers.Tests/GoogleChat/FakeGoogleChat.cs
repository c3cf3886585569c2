using System.Text;
using System.Text.Json.Nodes;
using Integrations.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Integrations.Providers.Tests.GoogleChat;

/// <summary>
/// Answers as a Google Chat space webhook does: <c>POST /v1/spaces/{space}/messages?key=…&amp;token=…</c> with text or
/// <c>cardsV2</c> under 32,000 bytes; 200 with the created message (its thread named by the thread key); Google's error
/// envelope otherwise.
/// </summary>
internal sealed class FakeGoogleChat
{
    public const string Path = "/v1/spaces/AAAAspace/messages?key=k3y&token=t0ken";

    public List<string> Violations { get; } = [];

    public List<(JsonObject Body, string PathAndQuery)> Messages { get; } = [];

    public (int Status, string Reason, string? RetryAfter)? Status { get; set; }

    public Func<ReceivedRequest, HttpContext, Task> Respond => async (request, context) =>
    {
        context.Response.ContentType = "application/json";
        if (Status is { } failure)
        {
            context.Response.StatusCode = failure.Status;
            if (failure.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = failure.RetryAfter;
            }

            await context.Response.WriteAsync(new JsonObject
            {
                ["error"] = new JsonObject { ["code"] = failure.Status, ["message"] = "Request failed.", ["status"] = failure.Reason },
            }.ToJsonString());
            return;
        }

        var body = JsonNode.Parse(request.Body)?.AsObject();
        var problems = new List<string>();
        if (!request.PathAndQuery.StartsWith(Path, StringComparison.Ordinal))
        {
            problems.Add("not the webhook: " + request.PathAndQuery);
        }

        if (Encoding.UTF8.GetByteCount(request.BodyText) > 32_000)
        {
            problems.Add($"{request.Body.Length} bytes");
        }

        if (body?["text"] is null && body?["cardsV2"] is null)
        {
            problems.Add("neither text nor cardsV2");
        }

        if (body?["thread"]?["threadKey"] is not null && !request.PathAndQuery.Contains("messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD", StringComparison.Ordinal))
        {
            problems.Add("a thread key without messageReplyOption: Google starts a new thread");
        }

        if (problems.Count > 0)
        {
            lock (Violations)
            {
                Violations.AddRange(problems);
            }

            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("""{"error":{"code":400,"message":"Invalid JSON payload received.","status":"INVALID_ARGUMENT"}}""");
            return;
        }

        lock (Messages)
        {
            Messages.Add((body!, request.PathAndQuery));
        }

        var thread = body!["thread"]?["threadKey"]?.GetValue<string>() ?? Guid.NewGuid().ToString("N");
        await context.Response.WriteAsync(new JsonObject
        {
            ["name"] = $"spaces/AAAAspace/messages/{Guid.NewGuid():N}",
            ["thread"] = new JsonObject { ["name"] = $"spaces/AAAAspace/threads/{thread}" },
        }.ToJsonString());
    };
}
