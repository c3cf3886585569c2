using FluentAssertions;
using Integrations.Delivery;
using Integrations.Persistence;
using Integrations.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;

namespace Integrations.Core.Tests.Delivery;

/// <summary>
/// The raw statements the delivery engine uses instead of <c>SaveChanges</c> (prepared single-row statements on
/// SQLite, <c>unnest</c> arrays on PostgreSQL), checked against what EF Core reads back.
/// </summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public sealed class BulkSqlTests(DatabaseKind kind) : DatabaseTests(kind)
{
    [Test]
    public async Task Bulk_insert_stores_every_column_as_SaveChanges_would_including_nulls_and_enums()
    {
        var rows = Enumerable.Range(0, 300).Select(i => Delivery(i, i % 3 == 0 ? "lease-" + i : null)).ToList();
        rows[1].LastError = "it's \"quoted\" and ünïcödé";
        rows[2].Status = DeliveryStatus.Dead;

        await InContextAsync(db => BulkInsert.InsertAsync(db, rows, CancellationToken.None));

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

        await InContextAsync(db => BulkInsert.InsertAsync(db, new[] { attempt }, CancellationToken.None));

        var stored = await InContextAsync(db => db.Set<DeliveryAttemptRecord>().AsNoTracking().SingleAsync());
        stored.Should().BeEquivalentTo(attempt);
    }

    [Test]
    public async Task Outcomes_are_stored_only_where_the_worker_still_holds_the_lease()
    {
        var held = Delivery(1, "worker-a");
        var lost = Delivery(2, "worker-b");
        await InContextAsync(db => BulkInsert.InsertAsync(db, new[] { held, lost }, CancellationToken.None));
        DeliveryOutcome[] outcomes =
        [
            new(held, "worker-a", DeliveryStatus.Succeeded, 1, null, 200, null, null, HealthObservation.None),
            new(lost, "worker-a", DeliveryStatus.Dead, 1, null, 500, "boom", null, HealthObservation.None),
        ];

        var applied = await InContextAsync(db => OutcomeSql.ApplyAsync(db, outcomes, now: 1_700_000_009_000, CancellationToken.None));

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
        await InContextAsync(db => BulkInsert.InsertAsync(db, payloads, CancellationToken.None));
        await InContextAsync(db => BulkInsert.InsertAsync(db, rows, CancellationToken.None));

        var (token, claimed) = await InContextAsync(db => DeliveryClaimer.ClaimAsync(db, "worker", 3, nowMs: 1_800_000_000_000, leaseMs: 60_000, CancellationToken.None));

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
    public async Task On_SQLite_this_process_writers_take_turns_and_on_PostgreSQL_they_do_not_wait()
    {
        using var gate = new DatabaseWriteGate();
        await Host.ScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<IntegrationsDbContext>();
            using var first = await gate.EnterAsync(db, CancellationToken.None);
            var second = gate.EnterAsync(db, CancellationToken.None).AsTask();
            await Task.Delay(50);
            second.IsCompleted.Should().Be(Kind == DatabaseKind.PostgreSql, "only SQLite allows one writer at a time");
            first.Dispose();
            (await second.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
            return 0;
        });
    }

    [Test]
    public async Task Rows_written_by_the_bulk_statements_and_by_SaveChanges_find_each_other_by_id()
    {
        var bulk = Delivery(1, "worker-a");
        var tracked = Delivery(2, "worker-a");
        await InContextAsync(db => BulkInsert.InsertAsync(db, new[] { bulk }, CancellationToken.None));
        await InContextAsync(async db =>
        {
            db.Add(tracked);
            await db.SaveChangesAsync();
        });

        // EF's own query compares ids as EF stores them (on SQLite, upper-case text): it must find the bulk row.
        (await InContextAsync(db => db.Set<DeliveryRecord>().AsNoTracking().Where(d => d.Id == bulk.Id).CountAsync())).Should().Be(1);

        // And the outcome statement must find the row SaveChanges wrote.
        DeliveryOutcome[] outcomes = [new(tracked, "worker-a", DeliveryStatus.Succeeded, 1, null, 200, null, null, HealthObservation.None)];
        (await InContextAsync(db => OutcomeSql.ApplyAsync(db, outcomes, now: 1_700_000_009_000, CancellationToken.None))).Should().Equal(tracked.Id);
    }

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
