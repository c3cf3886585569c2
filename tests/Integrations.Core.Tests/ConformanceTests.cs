using Integrations.Conformance;
using Integrations.Fields;

namespace Integrations.Core.Tests;

/// <summary>The conformance helper finds each broken promise, and names it.</summary>
public sealed class ConformanceTests
{
    [Test]
    public void A_careless_type_gets_one_problem_per_broken_promise()
    {
        var problems = IntegrationConformance.CheckType<CarelessIntegration>();

        problems.Should().Contain(p => p.Contains("not sealed"));
        problems.Should().Contain(p => p.Contains("[IntegrationType"));
        problems.Should().Contain(p => p.Contains("Description is empty"));
        problems.Should().Contain(p => p.Contains("'endpoint'") && p.Contains("no help"));
        problems.Should().Contain(p => p.Contains("'endpoint'") && p.Contains("ExposesSecrets"));
        problems.Should().Contain(p => p.Contains("'mode'") && p.Contains("no choices"));
        problems.Should().Contain(p => p.Contains("DefaultEvents"));
        problems.Should().Contain(p => p.Contains("'api_key'") && p.Contains("ToString()"));
    }

    [Test]
    public void A_careful_type_has_no_problems() =>
        IntegrationConformance.CheckType<CarefulIntegration>().Should().BeEmpty();

#pragma warning disable CA1852 // Unsealed on purpose: the check must notice.
    public class CarelessIntegration : Integration
#pragma warning restore CA1852
    {
        public override IntegrationEvents SupportedEvents => IntegrationEvents.Push;

        public override IntegrationEvents DefaultEvents => IntegrationEvents.Push | IntegrationEvents.Issue;

        [Field(FieldType.Text, Title = "Endpoint", IsUrl = true)]
        public string? Endpoint { get => GetProperty<string>(); set => SetProperty(value); }

        [Field(FieldType.Password, Title = "API key", Help = "The key.")]
        public string? ApiKey { get => GetProperty<string>(); set => SetProperty(value); }

        [Field(FieldType.Select, Title = "Mode", Help = "How.")]
        public string? Mode { get => GetProperty<string>(); set => SetProperty(value); }

        public override string ToString() => base.ToString() + " key " + ApiKey;

        public override Task<IntegrationResult> ExecuteAsync(IntegrationExecutionContext context, CancellationToken cancellationToken) =>
            Task.FromResult(IntegrationResult.Success());
    }

    [IntegrationType("careful")]
    public sealed class CarefulIntegration : Integration
    {
        public override string Description => "Does it right.";

        [Field(FieldType.Text, Title = "Endpoint", Help = "Where.", IsUrl = true, ExposesSecrets = true)]
        public string? Endpoint { get => GetProperty<string>(); set => SetProperty(value); }

        [Field(FieldType.Password, Title = "API key", Help = "The key.")]
        public string? ApiKey { get => GetProperty<string>(); set => SetProperty(value); }

        public override Task<IntegrationResult> ExecuteAsync(IntegrationExecutionContext context, CancellationToken cancellationToken) =>
            Task.FromResult(IntegrationResult.Success());
    }
}
