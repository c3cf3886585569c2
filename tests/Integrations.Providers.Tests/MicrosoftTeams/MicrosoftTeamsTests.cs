using System.Text.Json.Nodes;
using Integrations.Events;
using Integrations.Providers.MicrosoftTeams;
using Integrations.TestSupport;

namespace Integrations.Providers.Tests.MicrosoftTeams;

/// <summary>Teams notifications end to end against a fake Workflows webhook.</summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public sealed class MicrosoftTeamsTests(DatabaseKind kind) : ProviderTests(kind)
{
    private FakeTeams _teams = null!;

    [SetUp]
    public void UseFakeTeams()
    {
        _teams = new FakeTeams();
        Receiver.Respond = _teams.Respond;
    }

    private Task SaveTeamsAsync(Action<MicrosoftTeamsIntegration>? configure = null)
    {
        var teams = new MicrosoftTeamsIntegration { Scope = IntegrationScope.Project("app"), Active = true, Webhook = new Uri(Receiver.BaseAddress, FakeTeams.Path).ToString() };
        configure?.Invoke(teams);
        return SaveAsync(teams);
    }

    [Test]
    public async Task A_failed_pipeline_arrives_as_an_Adaptive_Card_and_202_is_success()
    {
        await SaveTeamsAsync();

        await DeliverAsync("app", SampleEvents.Pipeline());

        _teams.Violations.Should().BeEmpty();
        var card = _teams.Messages.Single()["attachments"]![0]!["content"]!;
        card["body"]![0]!["style"]!.GetValue<string>().Should().Be("attention");
        card["body"]![0]!["items"]![0]!["text"]!.GetValue<string>().Should().Be(
            "Pipeline [#31](https://forge.example.test/platform/billing-api/-/pipelines/31) of branch [main](https://forge.example.test/platform/billing-api/-/commits/main) by Ada Lovelace (ada) has failed in 03:00");
        card["body"]!.AsArray().Last()!["type"]!.GetValue<string>().Should().Be("FactSet");
    }

    [Test]
    public async Task A_huge_comment_is_cut_to_fit_Teams_size_limit()
    {
        await SaveTeamsAsync(t => t.EnabledEvents = IntegrationEvents.Note);
        var note = JsonNode.Parse(SampleEvents.NoteOnIssue().ToJsonUtf8())!;
        note["object_attributes"]!["note"] = new string('y', 60_000);

        await DeliverAsync("app", new JsonEvent(IntegrationEvents.Note, System.Text.Encoding.UTF8.GetBytes(note.ToJsonString())));

        _teams.Violations.Should().BeEmpty();
        _teams.Messages.Single()["attachments"]![0]!["content"]!["body"]![1]!["text"]!.GetValue<string>().Should().EndWith("… (truncated)");
    }

    [Test]
    public async Task A_deleted_workflow_fails_with_a_message_and_429_waits()
    {
        _teams.Status = (404, string.Empty, null);
        await SaveTeamsAsync();
        var deliveries = await DispatchAsync("app", SampleEvents.Push());
        await Host.StartWorkersAsync();
        var dead = await Host.WaitForStatusAsync(deliveries[0].DeliveryId, DeliveryStatus.Dead, attempts: 1);
        dead.LastError.Should().Contain("workflow was not found");

        _teams.Status = (429, string.Empty, "20");
        var again = await DispatchAsync("app", SampleEvents.Push());
        var held = await Host.WaitForDeliveryAsync(again[0].DeliveryId, d => d.Status == DeliveryStatus.Pending && d.Attempts == 1, "Teams asked it to wait");
        held.NextAttemptAt.Should().BeCloseTo(Host.Time.GetUtcNow().AddSeconds(20), TimeSpan.FromSeconds(2));
    }
}
