using Integrations.Dispatch;
using Integrations.Worker;

namespace Integrations.Core.Tests.Delivery;

public sealed class GroupCommitterTests
{
    [Test]
    public async Task Items_queued_while_a_commit_runs_are_committed_together_in_the_next_one()
    {
        var first = new TaskCompletionSource();
        var batches = new List<int[]>();
        await using var committer = new GroupCommitter<int, int>("test", async items =>
        {
            lock (batches)
            {
                batches.Add([.. items]);
            }

            if (items.Contains(0))
            {
                await first.Task;
            }

            return items.Select(i => i * 10).ToArray();
        }, maxWeight: 100);

        var zero = committer.EnqueueAsync(0);
        await WaitUntilAsync(() => batches.Count == 1);
        var rest = Enumerable.Range(1, 5).Select(committer.EnqueueAsync).ToArray();
        first.SetResult();

        (await zero).Should().Be(0);
        (await Task.WhenAll(rest)).Should().Equal(10, 20, 30, 40, 50);
        batches.Should().HaveCount(2);
        batches[1].Should().Equal(1, 2, 3, 4, 5);
    }

    [Test]
    public async Task With_one_commit_at_a_time_the_next_commit_waits_for_the_running_one()
    {
        var release = new TaskCompletionSource();
        var batches = new List<int[]>();
        var running = 0;
        var overlapped = false;
        await using var committer = new GroupCommitter<int, int>("test", async items =>
        {
            overlapped |= Interlocked.Increment(ref running) > 1;
            lock (batches)
            {
                batches.Add([.. items]);
            }

            if (items.Contains(1))
            {
                await release.Task;
            }

            Interlocked.Decrement(ref running);
            return items.ToArray();
        }, maxWeight: 100);

        try
        {
            var one = committer.EnqueueAsync(1);
            await WaitUntilAsync(() => Volatile.Read(ref running) == 1);
            var later = new[] { committer.EnqueueAsync(2), committer.EnqueueAsync(3) };
            await WaitUntilAsync(() => committer.SlotWaits > 0);
            release.SetResult();
            await Task.WhenAll([one, .. later]);

            // The committer saw the later items while the first commit ran and held them back for it; they go together.
            overlapped.Should().BeFalse();
            batches.Should().BeEquivalentTo(new[] { new[] { 1 }, new[] { 2, 3 } }, o => o.WithStrictOrdering());
        }
        finally
        {
            release.TrySetResult(); // a failed wait must not leave the committer's disposal waiting for ever
        }
    }

    [Test]
    public async Task With_several_commits_allowed_the_next_commit_starts_while_one_is_in_flight()
    {
        var (overlapped, results) = await RunTwoCommitsAsync(maxConcurrentCommits: 2);

        overlapped.Should().BeTrue();
        results.Should().Equal(1, 2);
    }

    [Test]
    public async Task A_failed_combined_commit_is_retried_item_by_item_so_only_the_bad_item_fails()
    {
        var gate = new TaskCompletionSource();
        await using var committer = new GroupCommitter<int, int>("test", async items =>
        {
            if (items.Contains(0))
            {
                await gate.Task;
                return [0];
            }

            return items.Contains(13) ? throw new InvalidOperationException("bad item") : items.ToArray();
        }, maxWeight: 100);

        var blocker = committer.EnqueueAsync(0);
        var good = committer.EnqueueAsync(1);
        var bad = committer.EnqueueAsync(13);
        var alsoGood = committer.EnqueueAsync(2);
        gate.SetResult();

        await blocker;
        (await good).Should().Be(1);
        (await alsoGood).Should().Be(2);
        await FluentActions.Awaiting(() => bad).Should().ThrowAsync<InvalidOperationException>().WithMessage("bad item");
    }

    [Test]
    public async Task Enqueueing_after_dispose_fails_clearly()
    {
        var committer = new GroupCommitter<int, int>("test outbox", items => Task.FromResult<IReadOnlyList<int>>(items.ToArray()), maxWeight: 10);
        await committer.DisposeAsync();

        Action enqueue = () => committer.EnqueueAsync(1);

        enqueue.Should().Throw<ObjectDisposedException>().WithMessage("*test outbox is shutting down*");
    }

    /// <summary>Enqueues 1, then (while 1's commit is held open) 2, waits for 2's commit, and reports whether it overlapped 1's.</summary>
    private static async Task<(bool Overlapped, int[] Results)> RunTwoCommitsAsync(int maxConcurrentCommits)
    {
        var release = new TaskCompletionSource();
        var running = 0;
        var overlapped = false;
        var started = 0;
        await using var committer = new GroupCommitter<int, int>("test", async items =>
        {
            if (Interlocked.Increment(ref running) > 1)
            {
                overlapped = true;
            }

            Interlocked.Increment(ref started);
            try
            {
                if (items.Contains(1))
                {
                    await release.Task;
                }

                return items.ToArray();
            }
            finally
            {
                Interlocked.Decrement(ref running);
            }
        }, maxWeight: 100)
        {
            MaxConcurrentCommits = maxConcurrentCommits,
        };

        var one = committer.EnqueueAsync(1);
        await WaitUntilAsync(() => Volatile.Read(ref started) == 1);
        var two = committer.EnqueueAsync(2);
        await two.WaitAsync(TimeSpan.FromSeconds(10));

        release.SetResult();
        return (overlapped, await Task.WhenAll(one, two));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the condition should hold within 10 s");
            await Task.Delay(5);
        }
    }
}
