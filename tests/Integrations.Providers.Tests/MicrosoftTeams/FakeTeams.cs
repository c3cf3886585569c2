using System.Text;
using System.Text.Json.Nodes;
using Integrations.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Integrations.Providers.Tests.MicrosoftTeams;

/// <summary>
/// Answers as a Teams Workflows webhook does: 202 Accepted for a <c>message</c> with one Adaptive Card attachment
/// (version ≤ 1.4 here, a <c>body</c> array) under 28 KB; 400 with a reason otherwise; <see cref="Status"/> to fail.
/// </summary>
internal sealed class FakeTeams
{
    public const string Path = "/workflows/abc123/triggers/manual/paths/invoke?api-version=1&sig=s3cr3t-signature";

    public List<string> Violations { get; } = [];

    public List<JsonObject> Messages { get; } = [];

    public (int Status, string Body, string? RetryAfter)? Status { get; set; }

    public Func<ReceivedRequest, HttpContext, Task> Respond => async (request, context) =>
    {
        if (Status is { } failure)
        {
            context.Response.StatusCode = failure.Status;
            if (failure.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = failure.RetryAfter;
            }

            await context.Response.WriteAsync(failure.Body);
            return;
        }

        var problems = new List<string>();
        if (request.PathAndQuery != Path)
        {
            problems.Add("not the workflow URL: " + request.PathAndQuery);
        }

        if (Encoding.UTF8.GetByteCount(request.BodyText) > 28 * 1024)
        {
            problems.Add($"{request.Body.Length} bytes");
        }

        var body = JsonNode.Parse(request.Body)?.AsObject();
        var card = body?["attachments"]?[0]?["content"];
        if (body?["type"]?.GetValue<string>() != "message" || body["attachments"]!.AsArray().Count != 1
            || body["attachments"]![0]!["contentType"]?.GetValue<string>() != "application/vnd.microsoft.card.adaptive"
            || card?["type"]?.GetValue<string>() != "AdaptiveCard" || card["version"]?.GetValue<string>() != "1.4" || card["body"] is not JsonArray)
        {
            problems.Add("not a message with one Adaptive Card 1.4");
        }

        if (problems.Count > 0)
        {
            lock (Violations)
            {
                Violations.AddRange(problems);
            }

            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("{\"error\":{\"code\":\"InvalidRequestContent\",\"message\":\"The input body for trigger 'manual' of type 'Request' did not match its schema definition.\"}}");
            return;
        }

        lock (Messages)
        {
            Messages.Add(body!);
        }

        context.Response.StatusCode = 202;
    };
}
