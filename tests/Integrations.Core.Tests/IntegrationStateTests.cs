using Integrations.Persistence;
using Integrations.State;
using Integrations.Storage;
using Integrations.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Core.Tests;

/// <summary>
/// What an integration remembers between deliveries: an insert-if-absent that tells the caller whether it won, an
/// upsert, a read and a removal, per integration, on every storage (the portable one catches the key's violation;
/// SQLite's and PostgreSQL's use <c>INSERT … ON CONFLICT</c>).
/// </summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.SqlitePortable)]
[TestFixture(DatabaseKind.PostgreSql)]
public sealed class IntegrationStateTests(DatabaseKind kind) : DatabaseTests(kind)
{
    protected override void Configure(IIntegrationsBuilder builder)
    {
        base.Configure(builder);
        builder.Add<TestHookIntegration>();
    }

    private IIntegrationState StateOf(Guid integrationId) => Host.Services.GetRequiredService<IntegrationStateFactory>().For(integrationId);

    [Test]
    public async Task TryAdd_stores_a_value_once_and_tells_each_caller_whether_it_won()
    {
        var state = StateOf(Guid.NewGuid());

        (await state.TryAddAsync("mr:42:thread", "1700000000.000100")).Should().BeTrue();
        (await state.TryAddAsync("mr:42:thread", "1700000000.999999")).Should().BeFalse();

        (await state.GetAsync("mr:42:thread")).Should().Be("1700000000.000100", "the first value stays");
    }

    [Test]
    public async Task Of_many_concurrent_callers_exactly_one_wins_TryAdd()
    {
        var id = Guid.NewGuid();
        var callers = Enumerable.Range(0, 12).Select(i => Task.Run(() => StateOf(id).TryAddAsync("alert:7:incident", "caller " + i))).ToArray();

        var won = await Task.WhenAll(callers);

        won.Count(w => w).Should().Be(1);
        (await StateOf(id).GetAsync("alert:7:incident")).Should().Be("caller " + Array.IndexOf(won, true));
    }

    [Test]
    public async Task A_claim_is_won_once_held_while_fresh_taken_over_when_stale_and_settled_by_its_result()
    {
        var state = StateOf(Guid.NewGuid());
        var at = new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
        var stale = TimeSpan.FromMinutes(5);

        (await state.ClaimAsync("alert:7:incident", at, stale)).Outcome.Should().Be(StateClaimOutcome.Won);
        (await state.ClaimAsync("alert:7:incident", at.AddMinutes(4), stale)).Outcome.Should().Be(StateClaimOutcome.Held, "the first claim is fresh");
        IntegrationStateClaims.IsClaim(await state.GetAsync("alert:7:incident")).Should().BeTrue();

        (await state.ClaimAsync("alert:7:incident", at.AddMinutes(6), stale)).Outcome.Should().Be(StateClaimOutcome.Won, "a claim that never came back is taken over");
        await state.SetAsync("alert:7:incident", "46d44a5e9f1c4e7d8a4e5b6f7c8d9e0f");

        (await state.ClaimAsync("alert:7:incident", at.AddHours(1), stale)).Should().Be(new StateClaim(StateClaimOutcome.Settled, "46d44a5e9f1c4e7d8a4e5b6f7c8d9e0f"));
        IntegrationStateClaims.IsClaim("46d44a5e9f1c4e7d8a4e5b6f7c8d9e0f").Should().BeFalse();
    }

    [Test]
    public async Task Of_many_concurrent_claimers_exactly_one_wins()
    {
        var id = Guid.NewGuid();
        var at = new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
        var claims = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => StateOf(id).ClaimAsync("mr:42:thread", at, TimeSpan.FromMinutes(2)))));

        claims.Count(c => c.Outcome == StateClaimOutcome.Won).Should().Be(1);
        claims.Where(c => c.Outcome != StateClaimOutcome.Won).Should().OnlyContain(c => c.Outcome == StateClaimOutcome.Held);
    }

    [Test]
    public async Task Set_replaces_a_value_and_Remove_forgets_it()
    {
        var state = StateOf(Guid.NewGuid());

        await state.SetAsync("cursor", "1");
        await state.SetAsync("cursor", "2");
        (await state.GetAsync("cursor")).Should().Be("2");

        (await state.RemoveAsync("cursor")).Should().BeTrue();
        (await state.RemoveAsync("cursor")).Should().BeFalse();
        (await state.GetAsync("cursor")).Should().BeNull();
    }

    [Test]
    public async Task Concurrent_Sets_leave_one_of_the_values_and_never_fail()
    {
        var id = Guid.NewGuid();
        var values = Enumerable.Range(0, 8).Select(i => "v" + i).ToArray();

        await Task.WhenAll(values.Select(v => Task.Run(() => StateOf(id).SetAsync("k", v))));

        values.Should().Contain(await StateOf(id).GetAsync("k"));
    }

    [Test]
    public async Task Each_integration_has_its_own_state()
    {
        var one = StateOf(Guid.NewGuid());
        var other = StateOf(Guid.NewGuid());

        await one.SetAsync("k", "one");

        (await other.GetAsync("k")).Should().BeNull();
        (await other.TryAddAsync("k", "other")).Should().BeTrue();
        (await one.GetAsync("k")).Should().Be("one");
    }

    [Test]
    public async Task Deleting_an_integration_deletes_what_it_remembered()
    {
        var hook = new TestHookIntegration { Scope = IntegrationScope.Project(1), Active = true, Url = "https://hooks.example.test/h" };
        await SaveAsync(hook);
        await StateOf(hook.Id).SetAsync("k", "v");
        await StateOf(Guid.NewGuid()).SetAsync("k", "someone else's");

        await Host.ScopeAsync(sp => sp.GetRequiredService<IIntegrationStore>().DeleteAsync(hook));

        (await StateOf(hook.Id).GetAsync("k")).Should().BeNull();
        (await Host.ScopeAsync(sp => sp.GetRequiredService<IntegrationsDbContext>().Set<IntegrationStateRecord>().CountAsync())).Should().Be(1);
    }

    [Test]
    public async Task Keys_are_checked_and_the_error_names_the_limit()
    {
        var state = StateOf(Guid.NewGuid());

        await FluentActions.Awaiting(() => state.SetAsync(new string('k', 201), "v")).Should().ThrowAsync<ArgumentException>().WithMessage("*at most 200 characters*201*");
        await FluentActions.Awaiting(() => state.TryAddAsync(string.Empty, "v")).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => state.SetAsync("k", null!)).Should().ThrowAsync<ArgumentNullException>();
    }
}
