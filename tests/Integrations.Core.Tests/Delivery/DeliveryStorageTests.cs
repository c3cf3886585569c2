using Integrations.Health;
using Integrations.Persistence;
using Integrations.Storage;
using Integrations.TestSupport;
using Integrations.Worker;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Core.Tests.Delivery;

/// <summary>
/// Every delivery storage (the portable EF Core one, SQLite's native statements, PostgreSQL's <c>unnest</c> and
/// <c>SKIP LOCKED</c>) through the seam the engine uses, checked against what EF Core reads back.
/// </summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.SqlitePortable)]
[TestFixture(DatabaseKind.PostgreSql)]
public sealed class DeliveryStorageTests(DatabaseKind kind) : DatabaseTests(kind)
{
    [Test]
    public async Task Bulk_insert_stores_every_column_as_SaveChanges_would_including_nulls_and_enums()
    {
        var rows = Enumerable.Range(0, 300).Select(i => Delivery(i, i % 3 == 0 ? "lease-" + i : null)).ToList();
        rows[1].LastError = "it's \"quoted\" and ünïcödé";
        rows[2].Status = DeliveryStatus.Dead;

        await InContextAsync(db => Storage.InsertAsync(db, rows, CancellationToken.None));

        var stored = await InContextAsync(db => db.Set<DeliveryRecord>().AsNoTracking().OrderBy(d => d.CreatedAt).ToListAsync());
        stored.Should().BeEquivalentTo(rows, o => o.WithStrictOrdering());
    }

    [Test]
    public async Task Bulk_insert_of_attempts_keeps_large_bodies_and_missing_responses()
    {
        var attempt = new DeliveryAttemptRecord
        {
            Id = Guid.CreateVersion7(), DeliveryId = Guid.CreateVersion7(), IntegrationId = Guid.NewGuid(), EventKind = "push", AttemptNumber = 2,
            StartedAt = 1_700_000_000_000, DurationMs = 12, Succeeded = false, RequestMethod = "POST", RequestUrl = "https://example.test/hook",
            RequestHeaders = "{\"content-type\":\"application/json\"}", RequestBody = new string('x', 70_000), Error = "connection refused",
        };

        await InContextAsync(db => Storage.InsertAsync(db, new[] { attempt }, CancellationToken.None));

        var stored = await InContextAsync(db => db.Set<DeliveryAttemptRecord>().AsNoTracking().SingleAsync());
        stored.Should().BeEquivalentTo(attempt);
    }

    [Test]
    public async Task Outcomes_are_stored_only_where_the_worker_still_holds_the_lease()
    {
        var held = Delivery(1, "worker-a");
        var lost = Delivery(2, "worker-b");
        await InContextAsync(db => Storage.InsertAsync(db, new[] { held, lost }, CancellationToken.None));
        DeliveryOutcome[] outcomes =
        [
            new(held, "worker-a", DeliveryStatus.Succeeded, 1, null, 200, null, null, HealthObservation.None),
            new(lost, "worker-a", DeliveryStatus.Dead, 1, null, 500, "boom", null, HealthObservation.None),
        ];

        var applied = await InContextAsync(db => Storage.ApplyOutcomesAsync(db, outcomes.Select(o => o.ToRow(1_700_000_009_000)).ToList(), CancellationToken.None));

        applied.Should().Equal(held.Id);
        var stored = await InContextAsync(db => db.Set<DeliveryRecord>().AsNoTracking().ToDictionaryAsync(d => d.Id));
        stored[held.Id].Should().BeEquivalentTo(new { Status = DeliveryStatus.Succeeded, Attempts = 1, LeaseOwner = (string?)null, LeaseExpiresAt = (long?)null, CompletedAt = 1_700_000_009_000L, LastStatusCode = 200, LastError = (string?)null });
        stored[lost.Id].Should().BeEquivalentTo(lost, "another worker holds it, so nothing changed");
    }

    [Test]
    public async Task Claims_return_the_claimed_rows_whole_in_due_order_with_their_payloads()
    {
        var rows = Enumerable.Range(0, 5).Select(i => Delivery(i, null)).Reverse().ToList();
        var payloads = Enumerable.Range(0, 5).Select(i => new DeliveryPayloadRecord { Id = PayloadIdFor(i), CreatedAt = 1, Body = "{\"n\":" + i + "}" }).ToList();
        await InContextAsync(db => Storage.InsertAsync(db, payloads, CancellationToken.None));
        await InContextAsync(db => Storage.InsertAsync(db, rows, CancellationToken.None));

        var (token, claimed) = await InContextAsync(db => Storage.ClaimAsync(db, "worker", 3, nowMs: 1_800_000_000_000, leaseMs: 60_000, CancellationToken.None));

        claimed.Select(c => c.Delivery.Id).Should().Equal(rows.OrderBy(r => r.NextAttemptAt).Take(3).Select(r => r.Id));
        claimed.Should().AllSatisfy(c =>
        {
            c.Delivery.Status.Should().Be(DeliveryStatus.Delivering);
            c.Delivery.LeaseOwner.Should().Be(token);
            c.Delivery.LeaseExpiresAt.Should().Be(1_800_000_060_000);
            c.Payload.Should().Be("{\"n\":" + (c.Delivery.CreatedAt - 1_700_000_000_000) + "}", "each delivery comes with its event's payload");
        });
    }

    [Test]
    public async Task Writers_take_turns_only_when_the_storage_declares_a_single_writer()
    {
        using var gate = new DatabaseWriteGate(Storage);
        using var first = await gate.EnterAsync(CancellationToken.None);
        var second = gate.EnterAsync(CancellationToken.None).AsTask();

        if (Storage.Features.SingleWriter)
        {
            second.IsCompleted.Should().BeFalse("the first writer has the turn");
            first.Dispose();
        }

        (await second.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        Storage.Features.SingleWriter.Should().Be(Kind == DatabaseKind.Sqlite, "the SQLite storage declares one writer; PostgreSQL and the portable storage do not");
    }

    [Test]
    public async Task A_claim_takes_over_deliveries_whose_lease_ran_out_before_pending_ones()
    {
        var abandoned = Delivery(1, "dead-worker");   // delivering, lease ended at 1_700_000_060_001
        var pending = Delivery(2, null);
        await InContextAsync(db => Storage.InsertAsync(db, new[] { abandoned, pending }, CancellationToken.None));

        var first = await InContextAsync(db => Storage.ClaimAsync(db, "worker", 1, nowMs: 1_800_000_000_000, leaseMs: 60_000, CancellationToken.None));
        var second = await InContextAsync(db => Storage.ClaimAsync(db, "worker", 1, nowMs: 1_800_000_000_000, leaseMs: 60_000, CancellationToken.None));

        first.Deliveries.Should().ContainSingle().Which.Delivery.Should().Match<DeliveryRecord>(d =>
            d.Id == abandoned.Id && d.LeaseOwner == first.Token && d.LeaseExpiresAt == 1_800_000_060_000 && d.Status == DeliveryStatus.Delivering);
        second.Deliveries.Should().ContainSingle().Which.Delivery.Id.Should().Be(pending.Id);
        (await InContextAsync(db => Storage.ClaimAsync(db, "worker", 5, nowMs: 1_800_000_000_000, leaseMs: 60_000, CancellationToken.None)))
            .Deliveries.Should().BeEmpty("both leases are live now");
    }

    [Test]
    public async Task Two_claims_never_take_the_same_delivery()
    {
        var rows = Enumerable.Range(0, 40).Select(i => Delivery(i, null)).ToList();
        await InContextAsync(db => Storage.InsertAsync(db, rows, CancellationToken.None));

        // Four workers claim at once, round after round, until nothing is left (a portable claim that loses a race to
        // another worker takes fewer rows, never the same ones).
        var ids = new List<Guid>();
        for (var round = 0; round < 20 && ids.Count < rows.Count; round++)
        {
            var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(() =>
                InContextAsync(db => Storage.ClaimAsync(db, "worker-" + w, 15, nowMs: 1_800_000_000_000, leaseMs: 60_000, CancellationToken.None)))));
            ids.AddRange(claims.SelectMany(c => c.Deliveries).Select(d => d.Delivery.Id));
        }

        ids.Should().OnlyHaveUniqueItems().And.HaveCount(40, "every due delivery was claimed once");
    }

    [Test]
    public async Task Release_purge_and_measure_work_on_every_storage()
    {
        var pending = Delivery(1, null);
        var delivering = Delivery(2, "worker-a");
        var oldDone = Delivery(3, null);
        oldDone.Status = DeliveryStatus.Succeeded;
        await InContextAsync(db => Storage.InsertAsync(db, new[] { pending, delivering, oldDone }, CancellationToken.None));

        await InContextAsync(db => Storage.ReleaseAsync(db, [delivering.Id], CancellationToken.None));
        var measured = await InContextAsync(db => Storage.MeasureAsync(db, nowMs: 1_700_000_000_010, CancellationToken.None));
        var purged = await InContextAsync(db => Storage.PurgeAsync(db, cutoffMs: 1_700_000_000_004, CancellationToken.None));

        measured.Should().Be((2L, (long?)1_700_000_000_001), "the released delivery is pending again");
        purged.Deliveries.Should().Be(1, "only the finished one goes");
        var left = await InContextAsync(db => db.Set<DeliveryRecord>().AsNoTracking().ToListAsync());
        left.Select(d => d.Id).Should().BeEquivalentTo([pending.Id, delivering.Id]);
        left.Single(d => d.Id == delivering.Id).LeaseOwner.Should().BeNull();
    }

    [Test]
    public async Task Rows_written_by_the_bulk_statements_and_by_SaveChanges_find_each_other_by_id()
    {
        var bulk = Delivery(1, "worker-a");
        var tracked = Delivery(2, "worker-a");
        await InContextAsync(db => Storage.InsertAsync(db, new[] { bulk }, CancellationToken.None));
        await InContextAsync(async db =>
        {
            db.Add(tracked);
            await db.SaveChangesAsync();
        });

        // EF's own query compares ids as EF stores them (on SQLite, upper-case text): it must find the bulk row.
        (await InContextAsync(db => db.Set<DeliveryRecord>().AsNoTracking().Where(d => d.Id == bulk.Id).CountAsync())).Should().Be(1);

        // And the outcome statement must find the row SaveChanges wrote.
        DeliveryOutcome[] outcomes = [new(tracked, "worker-a", DeliveryStatus.Succeeded, 1, null, 200, null, null, HealthObservation.None)];
        (await InContextAsync(db => Storage.ApplyOutcomesAsync(db, outcomes.Select(o => o.ToRow(1_700_000_009_000)).ToList(), CancellationToken.None))).Should().Equal(tracked.Id);
    }

    private IDeliveryStorage Storage => Host.Services.GetRequiredService<IDeliveryStorage>();

    private static Guid PayloadIdFor(int i) => new(i, 0, 0, [0, 0, 0, 0, 0, 0, 0, 1]);

    internal static DeliveryRecord Delivery(int i, string? leaseOwner) => new()
    {
        Id = Guid.CreateVersion7(),
        EventId = Guid.NewGuid(),
        IntegrationId = Guid.NewGuid(),
        IntegrationType = "test_hook",
        ProjectId = "p" + i,
        EventKind = "push",
        PayloadId = PayloadIdFor(i),
        Status = leaseOwner is null ? DeliveryStatus.Pending : DeliveryStatus.Delivering,
        Attempts = i % 4,
        NextAttemptAt = 1_700_000_000_000 + i,
        LeaseOwner = leaseOwner,
        LeaseExpiresAt = leaseOwner is null ? null : 1_700_000_060_000 + i,
        CreatedAt = 1_700_000_000_000 + i,
        CompletedAt = i % 5 == 0 ? 1_700_000_100_000 : null,
        LastStatusCode = i % 2 == 0 ? 503 : null,
        LastError = i % 2 == 0 ? "Service Unavailable" : null,
    };

    private Task<T> InContextAsync<T>(Func<IntegrationsDbContext, Task<T>> action) =>
        Host.ScopeAsync(sp => action(sp.GetRequiredService<IntegrationsDbContext>()));

    private Task InContextAsync(Func<IntegrationsDbContext, Task> action) =>
        Host.ScopeAsync(async sp =>
        {
            await action(sp.GetRequiredService<IntegrationsDbContext>());
            return 0;
        });
}
