using Integrations.Providers.Datadog;
using Integrations.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Integrations.Providers.Tests.Datadog;

public sealed class DatadogConformanceTests : IntegrationConformanceTests<DatadogIntegration>
{
    protected override void Register(IIntegrationsBuilder builder) => builder.AddDatadog();

    protected override DatadogIntegration CreateConfigured(Uri receiver) => new()
    {
        Scope = IntegrationScope.Group("platform"),
        Active = true,
        ApiUrl = receiver + "api/v2/webhook",
        ApiKey = "0123456789abcdef0123456789abcdef",
        DatadogService = "forge",
        DatadogEnv = "ci",
        DatadogTags = "team:platform\ncost-center:42",
    };

    protected override void RespondAsWorking(TestReceiver receiver) => receiver.Respond = FakeDatadog.Validate(valid: true);

    protected override void RespondAsFailing(TestReceiver receiver) => receiver.Respond = FakeDatadog.Validate(valid: false);
}

/// <summary>Datadog's documented answers: <c>GET /api/v1/validate</c> gives 200 <c>{"valid":true}</c> or 403 <c>{"errors":[…]}</c>.</summary>
internal static class FakeDatadog
{
    public static Func<ReceivedRequest, HttpContext, Task> Validate(bool valid, string acceptedKey = "0123456789abcdef0123456789abcdef") => async (request, context) =>
    {
        context.Response.ContentType = "application/json";
        if (request.PathAndQuery.StartsWith("/api/v1/validate", StringComparison.Ordinal))
        {
            var ok = valid && request.Header("DD-API-KEY") == acceptedKey;
            context.Response.StatusCode = ok ? 200 : 403;
            await context.Response.WriteAsync(ok ? """{"valid":true}""" : """{"errors":["Forbidden"]}""");
            return;
        }

        context.Response.StatusCode = 202;
        await context.Response.WriteAsync("{}");
    };
}
