using Integrations.Health;
using Integrations.Storage;
using Integrations.TestSettings;
using Integrations.TestSupport;
using Integrations.Worker;

namespace Integrations.Core.Tests.Delivery;

/// <summary>GitLab's thresholds, checked as arithmetic and then end to end with a fake clock.</summary>
public class AutoDisablePolicyTests
{
    private static readonly DeliveryOptions Options = new();

    private static long Minutes(double m) => (long)TimeSpan.FromMinutes(m).TotalMilliseconds;

    /// <summary>A failure, counted and decided as when every earlier attempt is committed.</summary>
    private static void Fail(IntegrationHealthRecord health, long at, bool gone = false)
    {
        AutoDisablePolicy.Apply(health, new HealthObservation(gone ? HealthEffect.Gone : HealthEffect.Failure, at, "HTTP 500"), Options);
        if (AutoDisablePolicy.DisableDue(health, Options))
        {
            AutoDisablePolicy.Disable(health, Options);
        }
    }

    private static void Succeed(IntegrationHealthRecord health, long at) =>
        AutoDisablePolicy.Apply(health, new HealthObservation(HealthEffect.Success, at), Options);

    /// <summary>Fails <paramref name="count"/> times, each failure when the previous disable (if any) has ended.</summary>
    private static long FailInTurn(IntegrationHealthRecord health, int count, long start = 1_000)
    {
        var at = start;
        for (var i = 0; i < count; i++)
        {
            at = Math.Max(at + 1, health.DisabledUntil ?? 0);
            Fail(health, at);
        }

        return at;
    }

    [Test]
    public void The_first_three_failures_are_grace()
    {
        var health = new IntegrationHealthRecord();

        FailInTurn(health, 3);

        health.RecentFailures.Should().Be(3);
        health.DisabledUntil.Should().BeNull();
        health.PermanentlyDisabled.Should().BeFalse();
    }

    [TestCase(4, 2)]
    [TestCase(5, 4)]
    [TestCase(6, 8)]
    [TestCase(13, 1024)]
    [TestCase(14, 1440)]
    [TestCase(39, 1440)]
    public void From_the_fourth_failure_the_disable_doubles_from_one_minute_to_one_day(int failures, int minutes)
    {
        var health = new IntegrationHealthRecord();

        var last = FailInTurn(health, failures);

        health.RecentFailures.Should().Be(failures);
        health.DisabledUntil.Should().Be(last + Minutes(minutes));
        health.PermanentlyDisabled.Should().BeFalse();
    }

    [Test]
    public void The_fortieth_failure_disables_permanently()
    {
        var health = new IntegrationHealthRecord();

        FailInTurn(health, 40);

        health.PermanentlyDisabled.Should().BeTrue();
    }

    [Test]
    public void Gone_disables_permanently_at_once_and_a_later_success_clears_everything()
    {
        var health = new IntegrationHealthRecord();

        Fail(health, 10, gone: true);
        health.PermanentlyDisabled.Should().BeTrue();

        Succeed(health, 15);
        health.Should().BeEquivalentTo(new IntegrationHealthRecord { LastSuccessAt = 15, LastFailureAt = 10 });
    }

    [Test]
    public void Failures_that_finish_while_disabled_are_not_counted()
    {
        var health = new IntegrationHealthRecord();
        var last = FailInTurn(health, 4);
        var until = health.DisabledUntil!.Value;

        Fail(health, last + 1);
        Fail(health, until - 1);

        health.RecentFailures.Should().Be(4, "calls in flight when the disable began do not extend it");
        health.DisabledUntil.Should().Be(until);
    }

    [Test]
    public void A_429_holds_the_integration_back_without_counting_and_failures_during_the_hold_are_not_counted()
    {
        var health = new IntegrationHealthRecord();

        AutoDisablePolicy.Apply(health, new HealthObservation(HealthEffect.Throttled, 100, "HTTP 429", HoldUntil: 30_100), Options);
        FailInTurn(health, 10, start: 101);

        health.HeldUntil.Should().Be(30_100);
        health.RecentFailures.Should().Be(0);
        health.DisabledUntil.Should().BeNull();
    }

    [Test]
    public void A_failure_that_finished_before_the_last_success_is_not_part_of_the_run()
    {
        var health = new IntegrationHealthRecord();
        Succeed(health, 500);

        Fail(health, 400);

        health.RecentFailures.Should().Be(0);
    }

    [Test]
    public void A_success_committed_late_resets_only_the_failures_that_finished_before_it()
    {
        var afterRun = new IntegrationHealthRecord();
        FailInTurn(afterRun, 2, start: 1_000);
        Succeed(afterRun, 900);
        afterRun.RecentFailures.Should().Be(2, "the whole run came after the success");

        var split = new IntegrationHealthRecord();
        Fail(split, 1_000);
        Fail(split, 1_001);
        Fail(split, 1_003);
        Succeed(split, 1_002);
        split.RecentFailures.Should().Be(1, "only the failure after the success is known to belong to the current run");
        split.FailingSince.Should().Be(1_003);
    }

    [Test]
    public void Retry_delays_follow_the_schedule_within_the_jitter_and_stop_after_the_last()
    {
        RetrySchedule.NextDelay(Options, 1, null, 0.5).Should().Be(TimeSpan.FromSeconds(5));
        RetrySchedule.NextDelay(Options, 1, null, 0.0).Should().Be(TimeSpan.FromSeconds(4));
        RetrySchedule.NextDelay(Options, 1, null, 0.999999).Should().BeCloseTo(TimeSpan.FromSeconds(6), TimeSpan.FromMilliseconds(1));
        RetrySchedule.NextDelay(Options, 2, null, 0.5).Should().Be(TimeSpan.FromMinutes(5));
        RetrySchedule.NextDelay(Options, 7, null, 0.5).Should().Be(TimeSpan.FromHours(10));
        RetrySchedule.NextDelay(Options, 8, null, 0.5).Should().BeNull("8 attempts in all");
        RetrySchedule.NextDelay(Options, 1, TimeSpan.FromSeconds(42), 0.5).Should().Be(TimeSpan.FromSeconds(42));
        RetrySchedule.NextDelay(Options, 1, TimeSpan.FromDays(9), 0.5).Should().Be(TimeSpan.FromDays(1));
        RetrySchedule.NextDelay(Options, 8, TimeSpan.FromSeconds(1), 0.5).Should().BeNull("Retry-After does not add attempts");
    }
}

[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.SqlitePortable)]
[TestFixture(DatabaseKind.PostgreSql)]
public class AutoDisableTests(DatabaseKind kind) : DeliveryTestBase(kind)
{
    [Test]
    public async Task The_fourth_consecutive_failure_disables_for_two_minutes_holds_deliveries_and_tells_the_owner()
    {
        var hook = await SaveHookAsync(IntegrationScope.Project(1));
        RespondWith(400);
        await Host.StartWorkersAsync();
        for (var i = 1; i <= 4; i++)
        {
            var failed = (await DispatchAsync("1", Push())).Single();
            await WaitForStatusAsync(failed.DeliveryId, DeliveryStatus.Dead);
        }

        var health = await LogAsync(log => log.GetHealthAsync(hook.Id));
        health.Status.Should().Be(IntegrationHealthStatus.TemporarilyDisabled);
        health.RecentFailures.Should().Be(4);
        health.DisabledUntil.Should().Be(Host.Time.GetUtcNow().AddMinutes(2));
        health.LastError.Should().StartWith("HTTP 400");
        var heard = await HealthListener.WaitForCountAsync(2);
        heard.Select(c => c.Current.Status).Should().Equal(IntegrationHealthStatus.Failing, IntegrationHealthStatus.TemporarilyDisabled);
        heard[^1].IntegrationId.Should().Be(hook.Id);

        RespondWith(200);
        var held = (await DispatchAsync("1", Push())).Single();
        var waiting = await WaitForAsync(held.DeliveryId, d => d.NextAttemptAt == Host.Time.GetUtcNow().AddMinutes(2), "it is held until the disable ends");
        waiting.Attempts.Should().Be(0, "holding is not an attempt");
        var until = Host.Time.GetUtcNow().AddMinutes(2).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        Host.Logs.GetSnapshot().Should().Contain(l => l.Id.Id == 2011 && l.Message.Contains("held until " + until), "times are logged in ISO 8601, UTC");
        Receiver.Requests.Should().HaveCount(4);

        AdvanceClock(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        await WaitForStatusAsync(held.DeliveryId, DeliveryStatus.Succeeded);
        (await LogAsync(log => log.GetHealthAsync(hook.Id))).Status.Should().Be(IntegrationHealthStatus.Healthy);
        (await HealthListener.WaitForCountAsync(3))[^1].Current.Status.Should().Be(IntegrationHealthStatus.Healthy);
    }

    [Test]
    public async Task Gone_disables_at_once_until_an_edit_re_enables_it()
    {
        var hook = await SaveHookAsync(IntegrationScope.Project(1));
        RespondWith(410);
        await Host.StartWorkersAsync();
        var gone = (await DispatchAsync("1", Push())).Single();
        await WaitForStatusAsync(gone.DeliveryId, DeliveryStatus.Dead, attempts: 1);
        (await LogAsync(log => log.GetHealthAsync(hook.Id))).Status.Should().Be(IntegrationHealthStatus.PermanentlyDisabled);
        (await HealthListener.WaitForCountAsync(1)).Single().Reason.Should().Be("The receiver answered 410 Gone.");

        var blocked = (await DispatchAsync("1", Push())).Single();
        (await WaitForStatusAsync(blocked.DeliveryId, DeliveryStatus.Dead)).LastError.Should().StartWith("The integration is disabled after repeated failures");
        Receiver.Requests.Should().HaveCount(1);

        RespondWith(200);
        var loaded = (await FindAsync<TestHookIntegration>(IntegrationScope.Project(1)))!;
        loaded.Url = Receiver.Url("moved").ToString();
        await SaveAsync(loaded);
        (await LogAsync(log => log.GetHealthAsync(hook.Id))).Status.Should().Be(IntegrationHealthStatus.Healthy);
        HealthListener.Changes.Last().Reason.Should().Be("The integration was edited.");

        (await LogAsync(log => log.ResendAsync(blocked.DeliveryId))).Should().BeTrue();
        await WaitForStatusAsync(blocked.DeliveryId, DeliveryStatus.Succeeded);
    }

    [Test]
    public async Task A_successful_test_re_enables_a_disabled_integration()
    {
        var hook = await SaveHookAsync(IntegrationScope.Project(1));
        RespondWith(410);
        await Host.StartWorkersAsync();
        await WaitForStatusAsync((await DispatchAsync("1", Push())).Single().DeliveryId, DeliveryStatus.Dead);
        await HealthListener.WaitForCountAsync(1);

        RespondWith(200);
        var loaded = (await FindAsync<TestHookIntegration>(IntegrationScope.Project(1)))!;
        var test = await Host.ScopeAsync(sp => ((IIntegrationTester)sp.GetService(typeof(IIntegrationTester))!).TestAsync(loaded));

        test.Result.Succeeded.Should().BeTrue();
        (await LogAsync(log => log.GetHealthAsync(hook.Id))).Status.Should().Be(IntegrationHealthStatus.Healthy);
        HealthListener.Changes.Should().HaveCount(2, "the test's own change is heard before TestAsync returns");
        HealthListener.Changes.Last().Reason.Should().Be("A test succeeded.");
    }
}
