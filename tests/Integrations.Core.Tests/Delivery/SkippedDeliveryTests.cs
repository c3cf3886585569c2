using Integrations.Fields;
using Integrations.Health;
using Integrations.TestSupport;

namespace Integrations.Core.Tests.Delivery;

/// <summary>A delivery the integration decided not to send is recorded as skipped, with its reason, and is no health fact.</summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public class SkippedDeliveryTests(DatabaseKind kind) : DeliveryTestBase(kind)
{
    /// <summary>Sends pushes, and skips tag pushes as a label filter would skip a merge request.</summary>
    [IntegrationType("skipping_hook")]
    public sealed class SkippingHook : Integration
    {
        public override IntegrationEvents SupportedEvents => IntegrationEvents.Push | IntegrationEvents.TagPush;

        [Field(FieldType.Text, Required = true, IsUrl = true)]
        public string? Url { get => GetProperty<string>(); set => SetProperty(value); }

        public override async Task<IntegrationResult> ExecuteAsync(IntegrationExecutionContext context, CancellationToken cancellationToken)
        {
            if (context.Event == IntegrationEvents.TagPush)
            {
                return IntegrationResult.Skipped("Not sent: tags are not announced.");
            }

            using var response = await context.Http.PostAsync(new Uri(Url!), new StringContent(context.Payload.GetRawText()), cancellationToken);
            return IntegrationResult.FromHttpResponse(response, context.AttemptTime);
        }
    }

    protected override void Configure(IIntegrationsBuilder builder)
    {
        base.Configure(builder);
        builder.Add<SkippingHook>();
    }

    [Test]
    public async Task A_skipped_delivery_keeps_its_reason_makes_no_attempt_and_does_not_touch_health()
    {
        var hook = new SkippingHook { Scope = IntegrationScope.Project(1), Active = true, Url = Receiver.Url("hook").ToString(), EnabledEvents = IntegrationEvents.Push | IntegrationEvents.TagPush };
        await SaveAsync(hook);
        RespondWith(500);
        await Host.StartWorkersAsync();

        var failed = (await DispatchAsync("1", Push())).Single(d => d.IntegrationId == hook.Id);
        await WaitForAsync(failed.DeliveryId, d => d.Attempts == 1, "the push failed once");
        var afterFailure = await LogAsync(log => log.GetHealthAsync(hook.Id));
        afterFailure.Status.Should().Be(IntegrationHealthStatus.Failing);

        var skipped = (await DispatchAsync("1", Event(IntegrationEvents.TagPush))).Single(d => d.IntegrationId == hook.Id);
        var summary = await WaitForStatusAsync(skipped.DeliveryId, DeliveryStatus.Skipped);

        summary.LastError.Should().Be("Not sent: tags are not announced.");
        summary.Attempts.Should().Be(0, "no request was made");
        summary.CompletedAt.Should().NotBeNull("a skipped delivery is finished");
        (await LogAsync(log => log.GetAttemptsAsync(skipped.DeliveryId))).Should().BeEmpty();
        (await LogAsync(log => log.GetHealthAsync(hook.Id))).Should().BeEquivalentTo(afterFailure, "a skip is neither a success nor a failure");
        (await LogAsync(log => log.CountAsync(new Integrations.DeliveryLog.DeliveryQuery { IntegrationId = hook.Id })))[DeliveryStatus.Skipped].Should().Be(1);
        Host.Logs.GetSnapshot().Should().Contain(l => l.Id.Id == 2018 && l.Message.Contains("skipped: Not sent: tags are not announced."));
    }
}
