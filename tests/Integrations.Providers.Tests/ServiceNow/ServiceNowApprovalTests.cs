using System.Collections.Concurrent;
using Integrations.Providers.ServiceNow;
using Integrations.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Providers.Tests.ServiceNow;

/// <summary>The approval gate: the host requests approval for a deployment, reads the decision or is told of it.</summary>
[TestFixture(DatabaseKind.Sqlite)]
public sealed class ServiceNowApprovalTests(DatabaseKind kind) : ProviderTests(kind)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);

    private FakeServiceNow _servicenow = null!;

    protected override void Configure(IIntegrationsBuilder builder)
    {
        builder.Services.AddSingleton<Inbox>();
        builder.AddServiceNowApprovalPolling<InboxHandler>(o => o.PollInterval = PollInterval);
    }

    [SetUp]
    public void UseFakeServiceNow()
    {
        _servicenow = new FakeServiceNow();
        Receiver.Respond = _servicenow.Respond;
    }

    private ServiceNowApprovals Approvals => Host.Services.GetRequiredService<ServiceNowApprovals>();

    private ServiceNowApprovalWatcher Watcher => Host.Services.GetRequiredService<ServiceNowApprovalWatcher>();

    private Inbox Decisions => Host.Services.GetRequiredService<Inbox>();

    private ServiceNowIntegration Settings() => new()
    {
        Scope = IntegrationScope.Project("app"),
        Active = true,
        InstanceUrl = Receiver.BaseAddress.ToString(),
        Username = FakeServiceNow.User,
        Password = FakeServiceNow.Password,
        AssignmentGroup = "Change Management",
    };

    [Test]
    public async Task Requesting_approval_opens_the_change_request_the_deployment_later_closes()
    {
        var settings = Settings();
        await SaveAsync(settings);
        var deployment = ServiceNowEvents.Deployment("created");

        var requested = await Approvals.RequestAsync(settings, deployment);
        var again = await Approvals.RequestAsync(settings, deployment);

        again.SysId.Should().Be(requested.SysId, "asking again finds the open change request by its correlation id");
        requested.Number.Should().StartWith("CHG");
        requested.State.Should().Be("-4", "approval is requested by moving the change to Assess");
        requested.Approval.Should().Be(ServiceNowApprovalState.Requested);
        requested.Url.Should().Be(new Uri(Receiver.BaseAddress, $"change_request.do?sys_id={requested.SysId}"));

        _servicenow.Decide(requested.SysId, "approved");
        (await Approvals.GetAsync(settings, requested.SysId))!.Approval.Should().Be(ServiceNowApprovalState.Approved);

        await DeliverAsync("app", ServiceNowEvents.Deployment("running"));
        await DeliverAsync("app", ServiceNowEvents.Deployment("success"));
        var row = _servicenow.Rows("change_request").Should().ContainSingle("the deployment's events use the gate's change request").Subject;
        row["close_code"]!.GetValue<string>().Should().Be("successful");
    }

    [TestCase("approved", null, ServiceNowApprovalState.Approved)]
    [TestCase("rejected", null, ServiceNowApprovalState.Rejected)]
    [TestCase("cancelled", null, ServiceNowApprovalState.Cancelled)]
    [TestCase("requested", "4", ServiceNowApprovalState.Cancelled)]
    [TestCase("requested", "-4", ServiceNowApprovalState.Requested)]
    [TestCase("not requested", "-5", ServiceNowApprovalState.NotYetRequested)]
    public void The_approval_field_and_a_canceled_state_map_to_a_decision(string approval, string? state, ServiceNowApprovalState expected) =>
        ServiceNowApprovals.Interpret(approval, state).Should().Be(expected);

    [Test]
    public async Task A_watched_change_is_handed_to_the_handler_once_when_decided()
    {
        var settings = Settings();
        var change = await Approvals.RequestAsync(settings, ServiceNowEvents.Deployment("created"));
        Watcher.Watch("deployment-15", settings, change);

        (await Watcher.PollAsync()).Should().Be(0, "nobody decided yet");
        _servicenow.Decide(change.SysId, "rejected");
        (await Watcher.PollAsync()).Should().Be(1);
        (await Watcher.PollAsync()).Should().Be(0, "a decision is handed over once");

        Decisions.Received.Should().ContainSingle().Which.Should().Match<ServiceNowApprovalDecision>(d =>
            d.Reference == "deployment-15" && d.Change.Approval == ServiceNowApprovalState.Rejected && d.Change.SysId == change.SysId);
        Watcher.Watched.Should().BeEmpty();
    }

    [Test]
    public async Task A_change_ServiceNow_cannot_answer_for_stays_watched_and_a_deleted_one_is_reported_cancelled()
    {
        var settings = Settings();
        var change = await Approvals.RequestAsync(settings, ServiceNowEvents.Deployment("created"));
        Watcher.Watch("deployment-15", settings, change);

        _servicenow.Failure = (503, null);
        (await Watcher.PollAsync()).Should().Be(0);
        Watcher.Watched.Should().Equal("deployment-15");

        _servicenow.Failure = null;
        lock (_servicenow.Tables)
        {
            _servicenow.Tables["change_request"].Clear();
        }

        (await Watcher.PollAsync()).Should().Be(1);
        Decisions.Received.Should().ContainSingle().Which.Change.Approval.Should().Be(ServiceNowApprovalState.Cancelled);
    }

    [Test]
    public async Task The_background_poll_raises_the_decision_on_the_clock()
    {
        var settings = Settings();
        var change = await Approvals.RequestAsync(settings, ServiceNowEvents.Deployment("created"));
        await Host.StartWorkersAsync();
        Watcher.Watch("deployment-15", settings, change);
        _servicenow.Decide(change.SysId, "approved");

        // The poller may not have started its wait when the clock first moves: advance one interval at a time until told.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!Decisions.Arrived.Task.IsCompleted)
        {
            timeout.Token.ThrowIfCancellationRequested();
            Host.AdvanceClock(PollInterval);
            await Task.WhenAny(Decisions.Arrived.Task, Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token));
        }

        (await Decisions.Arrived.Task).Change.Approval.Should().Be(ServiceNowApprovalState.Approved);
    }

    [Test]
    public void A_poll_interval_under_a_second_fails_at_startup_naming_the_option()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddIntegrations().AddServiceNowApprovalPolling<InboxHandler>(o => o.PollInterval = TimeSpan.FromMilliseconds(10));
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<ServiceNowApprovalOptions>>().Value;

        act.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*PollInterval*");
    }

    [Test]
    public async Task A_refused_request_throws_with_ServiceNows_reason()
    {
        _servicenow.Denied.Add("change_request");

        var act = () => Approvals.RequestAsync(Settings(), ServiceNowEvents.Deployment("created"));

        var refused = (await act.Should().ThrowAsync<ServiceNowException>()).Which;
        refused.StatusCode.Should().Be(403);
        refused.Message.Should().Contain("change_request").And.Contain("ServiceNow says");
    }

    [Test]
    public async Task An_unreachable_instance_throws_a_transient_ServiceNowException()
    {
        var settings = Settings();
        settings.InstanceUrl = "http://127.0.0.1:1/";

        var act = () => Approvals.RequestAsync(settings, ServiceNowEvents.Deployment("created"));

        var failed = (await act.Should().ThrowAsync<ServiceNowException>()).Which;
        failed.IsTransient.Should().BeTrue();
        failed.Message.Should().Contain("could not be reached");
    }

    /// <summary>What the host's handler was told.</summary>
    internal sealed class Inbox
    {
        public ConcurrentQueue<ServiceNowApprovalDecision> Received { get; } = new();

        public TaskCompletionSource<ServiceNowApprovalDecision> Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    internal sealed class InboxHandler(Inbox inbox) : IServiceNowApprovalHandler
    {
        public Task OnDecidedAsync(ServiceNowApprovalDecision decision, CancellationToken cancellationToken)
        {
            inbox.Received.Enqueue(decision);
            inbox.Arrived.TrySetResult(decision);
            return Task.CompletedTask;
        }
    }
}
