using System.Net;
using System.Text;
using Integrations.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Integrations.Core.Tests.Webhooks;

/// <summary>The README's receiver, as written there, in a bare ASP.NET Core app that never calls <c>AddIntegrations</c>.</summary>
public sealed class ReceiverSampleTests
{
    [Test]
    public async Task The_readme_receiver_verifies_a_signed_delivery_in_a_bare_aspnet_app()
    {
        var secret = WebhookSecret.Generate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["Forge:SigningSecret"] = secret;
        var configuration = builder.Configuration;

        // From README.md ("Receivers verify deliveries"), unchanged.
        var app = builder.Build();
        app.MapPost("/hooks/forge", async (HttpRequest request) =>
        {
            using var buffer = new System.IO.MemoryStream();
            await request.Body.CopyToAsync(buffer);
            var check = WebhookVerifier.VerifyStandardWebhooks(configuration["Forge:SigningSecret"]!,
                request.Headers["webhook-id"], request.Headers["webhook-timestamp"], request.Headers["webhook-signature"],
                buffer.ToArray());
            return check.IsValid ? Results.Ok() : Results.Unauthorized();
        });

        await app.StartAsync();
        try
        {
            using var client = new HttpClient();
            var url = new Uri(app.Urls.Single() + "/hooks/forge");
            var message = new WebhookMessage
            {
                Url = url,
                Body = Encoding.UTF8.GetBytes("{\"object_kind\":\"push\"}"),
                Event = IntegrationEvents.Push,
                DeliveryId = Guid.CreateVersion7(),
                EventId = Guid.CreateVersion7(),
                SigningSecrets = [secret],
            };

            using (var signed = WebhookRequestFactory.Create(message, DateTimeOffset.UtcNow))
            using (var response = await client.SendAsync(signed))
            {
                response.StatusCode.Should().Be(HttpStatusCode.OK);
            }

            using var forged = WebhookRequestFactory.Create(message with { SigningSecrets = [WebhookSecret.Generate()] }, DateTimeOffset.UtcNow);
            using var refused = await client.SendAsync(forged);
            refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
