using System.Globalization;
using System.Text.Json.Nodes;
using Integrations.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Integrations.Providers.Tests.Slack;

/// <summary>
/// A stateful fake of Slack's Web API methods <c>chat.postMessage</c> and <c>chat.update</c>: checks the bearer token,
/// keeps messages per channel with their <c>ts</c> and <c>thread_ts</c>, and answers as Slack does (HTTP 200 with
/// <c>ok</c>, errors as <c>{"ok": false, "error": …}</c>, 429 with <c>Retry-After</c>).
/// </summary>
internal sealed class FakeSlackWebApi
{
    public const string Token = "xoxb-1234-5678-valid";

    private long _clock = 1_700_000_000_000_100;

    public sealed record Message(string Channel, string Ts, string? ThreadTs, string Text, int Updates);

    public List<Message> Messages { get; } = [];

    /// <summary>Channels the app was not invited to.</summary>
    public HashSet<string> NotInChannel { get; } = new(StringComparer.Ordinal);

    public string? RetryAfter { get; set; }

    public Func<ReceivedRequest, HttpContext, Task> Respond => async (request, context) =>
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        if (RetryAfter is { } wait)
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = wait;
            await context.Response.WriteAsync("""{"ok":false,"error":"ratelimited"}""");
            return;
        }

        await context.Response.WriteAsync(Answer(request).ToJsonString());
    };

    private JsonObject Answer(ReceivedRequest request)
    {
        if (request.Header("Authorization") != "Bearer " + Token)
        {
            return Error(request.Header("Authorization") is null ? "not_authed" : "invalid_auth");
        }

        var body = JsonNode.Parse(request.Body)!.AsObject();
        var channel = body["channel"]?.GetValue<string>();
        if (string.IsNullOrEmpty(channel))
        {
            return Error("channel_not_found");
        }

        if (NotInChannel.Contains(channel))
        {
            return Error("not_in_channel");
        }

        if (body["text"] is null && body["blocks"] is null)
        {
            return Error("no_text");
        }

        lock (Messages)
        {
            if (request.PathAndQuery == "/api/chat.update")
            {
                var ts = body["ts"]?.GetValue<string>();
                var index = Messages.FindIndex(m => m.Channel == channel && m.Ts == ts);
                if (index < 0)
                {
                    return Error("message_not_found");
                }

                Messages[index] = Messages[index] with { Text = body["text"]!.GetValue<string>(), Updates = Messages[index].Updates + 1 };
                return new JsonObject { ["ok"] = true, ["channel"] = channel, ["ts"] = ts };
            }

            if (request.PathAndQuery != "/api/chat.postMessage")
            {
                return Error("unknown_method");
            }

            var threadTs = body["thread_ts"]?.GetValue<string>();
            if (threadTs is not null && !Messages.Any(m => m.Channel == channel && m.Ts == threadTs))
            {
                return Error("thread_not_found");
            }

            var newTs = (Interlocked.Increment(ref _clock) / 1_000_000.0).ToString("F6", CultureInfo.InvariantCulture);
            Messages.Add(new Message(channel, newTs, threadTs, body["text"]!.GetValue<string>(), 0));
            return new JsonObject { ["ok"] = true, ["channel"] = channel, ["ts"] = newTs };
        }
    }

    private static JsonObject Error(string error) => new() { ["ok"] = false, ["error"] = error };
}
