using System.Text.Json.Nodes;
using Integrations.Fields;

namespace Integrations.Core.Tests;

/// <summary>
/// Typed getters cache the decoded value per instance. These tests pin down that the cache is never observable:
/// every write path forgets it, reading one key as two types gives each type's own answer, and shared readers agree.
/// </summary>
public class TypedValueCacheTests
{
    [Test]
    public void A_raw_write_a_form_post_and_a_setter_each_replace_a_cached_value()
    {
        var probe = new CacheProbeIntegration { Count = 1 };
        probe.Count.Should().Be(1);

        probe.SetRawValue("count", JsonValue.Create(5));
        probe.Count.Should().Be(5);

        probe.ApplyFormValues(new Dictionary<string, string?> { ["count"] = "7" });
        probe.Count.Should().Be(7);

        probe.Count = 9;
        probe.Count.Should().Be(9);

        probe.SetRawValue("count", null);
        probe.Count.Should().BeNull();
    }

    [Test]
    public void A_cached_null_is_replaced_when_the_value_is_set()
    {
        var probe = new CacheProbeIntegration();
        probe.Name.Should().BeNull();
        probe.Name.Should().BeNull("the null itself is cached");

        probe.Name = "first";
        probe.Name.Should().Be("first");
    }

    [Test]
    public void Reading_one_key_as_two_types_gives_each_type_its_own_answer()
    {
        var expectedText = new CacheProbeIntegration { Count = 42 }.CountAsText;
        var probe = new CacheProbeIntegration { Count = 42 };

        probe.Count.Should().Be(42);
        probe.CountAsText.Should().Be(expectedText);
        probe.Count.Should().Be(42);
        probe.CountAsLong.Should().Be(42L);
        probe.Count.Should().Be(42);
    }

    [Test]
    public void A_name_passed_as_a_copy_reads_the_same_slot_as_the_literal()
    {
        var probe = new CacheProbeIntegration { Count = 3 };

        probe.CountByCopiedName.Should().Be(3);
        probe.Count.Should().Be(3);
        probe.CountByCopiedName.Should().Be(3);
    }

    [Test]
    public void Concurrent_readers_of_an_unchanging_integration_always_see_the_stored_values()
    {
        var probe = new CacheProbeIntegration { Count = 11, Name = "eleven", Enabled = true };
        var failures = 0;

        Parallel.For(0, Environment.ProcessorCount * 2, _ =>
        {
            for (var i = 0; i < 50_000; i++)
            {
                if (probe.Count != 11 || probe.Name != "eleven" || !probe.Enabled || probe.CountAsLong != 11L)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        });

        failures.Should().Be(0);
    }

    [Test]
    public void Each_property_reads_its_own_value_across_writes_to_the_others()
    {
        var probe = new SharedHomeIntegration { Url = "https://example.com", Password = "secret", Branches = 3 };

        for (var i = 0; i < 3; i++)
        {
            probe.Url.Should().Be("https://example.com");
            probe.Password.Should().Be("secret");
            probe.Branches.Should().Be(3);
        }

        probe.Password = "changed";
        probe.Branches.Should().Be(3);
        probe.Password.Should().Be("changed");
        probe.Url.Should().Be("https://example.com");
    }

    private sealed class SharedHomeIntegration : Integration
    {
        public string? Url { get => GetProperty<string>(); set => SetProperty(value); }

        public string? Password { get => GetProperty<string>(); set => SetProperty(value); }

        public int? Branches { get => GetProperty<int?>(); set => SetProperty(value); }

        public override Task<IntegrationResult> ExecuteAsync(IntegrationExecutionContext context, CancellationToken cancellationToken) =>
            Task.FromResult(IntegrationResult.Success());
    }

    private sealed class CacheProbeIntegration : Integration
    {
        [Field(FieldType.Number)]
        public int? Count { get => GetProperty<int?>(); set => SetProperty(value); }

        public string? Name { get => GetProperty<string>(); set => SetProperty(value); }

        public bool Enabled { get => GetProperty<bool?>() ?? false; set => SetProperty(value); }

        public string? CountAsText => GetProperty<string>(nameof(Count));

        public long? CountAsLong => GetProperty<long?>(nameof(Count));

        public int? CountByCopiedName => GetProperty<int?>(new string(nameof(Count).AsSpan()));

        public override Task<IntegrationResult> ExecuteAsync(IntegrationExecutionContext context, CancellationToken cancellationToken) =>
            Task.FromResult(IntegrationResult.Success());
    }
}
