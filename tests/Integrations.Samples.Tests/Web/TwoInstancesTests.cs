using System.Net;
using Integrations.TestSupport;

namespace Integrations.Samples.Tests.Web;

/// <summary>Two forges on one PostgreSQL database share the delivery work, and no delivery is sent twice.</summary>
public sealed class TwoInstancesTests
{
    [Test]
    public async Task Two_instances_on_one_PostgreSQL_database_deliver_every_event_exactly_once()
    {
        await using var first = await ForgeHost.StartAsync(DatabaseKind.PostgreSql);
        await using var second = await ForgeHost.StartAsync(DatabaseKind.PostgreSql, shared: first.Database);
        (await first.Admin.PostAsync(new Uri("api/v4/projects/1/hooks", UriKind.Relative),
            ForgeHost.Json($$"""{"url": "{{first.ReceiverUrl("shared")}}", "issues_events": true, "push_events": false}"""))).StatusCode.Should().Be(HttpStatusCode.Created);

        const int Issues = 20;
        await Task.WhenAll(Enumerable.Range(0, Issues).Select(async i =>
        {
            var forge = i % 2 == 0 ? first : second;
            var created = await forge.Developer.PostAsync(new Uri("api/v4/projects/1/issues", UriKind.Relative),
                new FormUrlEncodedContent(new Dictionary<string, string> { ["title"] = $"Issue {i}" }));
            created.StatusCode.Should().Be(HttpStatusCode.Created);
        }));

        await first.WaitForReceivedAsync(Issues);
        var deliveries = await first.WaitUntilRecordedAsync("1", Issues);
        var received = await first.WaitForReceivedAsync(Issues);

        deliveries.Should().HaveCount(Issues);
        deliveries.Should().OnlyContain(d => d.Status == DeliveryStatus.Succeeded && d.Attempts == 1, "each was sent once, by one of the two workers");
        received.Should().HaveCount(Issues);
        received.Select(r => r!["headers"]!.AsObject().First(h => h.Key.Equals("webhook-id", StringComparison.OrdinalIgnoreCase)).Value!.GetValue<string>())
            .Distinct().Should().HaveCount(Issues);
    }
}
