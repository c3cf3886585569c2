using Integrations.Conformance;
using NUnit.Framework;
using Integrations.TestSettings;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.TestSupport;

/// <summary>
/// The conformance tests every provider's test fixture inherits (built-in or a host's own): the type checks of
/// <see cref="IntegrationConformance.CheckType(Type)"/>, the store checks of
/// <see cref="IntegrationConformance.CheckStoredAsync"/> on SQLite and PostgreSQL, and "Test settings" against a local
/// receiver that works and one that fails. A fixture supplies the registration and a configured integration:
/// <code>
/// public sealed class JenkinsConformanceTests : IntegrationConformanceTests&lt;JenkinsIntegration&gt;
/// {
///     protected override void Register(IIntegrationsBuilder builder) => builder.AddJenkins();
///     protected override JenkinsIntegration CreateConfigured(Uri receiver) => new() { … };
/// }
/// </code>
/// </summary>
/// <typeparam name="TIntegration">The integration type.</typeparam>
public abstract class IntegrationConformanceTests<TIntegration>
    where TIntegration : Integration, new()
{
    /// <summary>The databases the store checks run on.</summary>
    protected static IEnumerable<DatabaseKind> Databases => [DatabaseKind.Sqlite, DatabaseKind.PostgreSql];

    /// <summary>Registers the type (and its validator) on the builder.</summary>
    protected abstract void Register(IIntegrationsBuilder builder);

    /// <summary>A complete, valid, active integration that calls <paramref name="receiver"/> (a local server) and holds every secret it can.</summary>
    /// <param name="receiver">The receiver's base address.</param>
    protected abstract TIntegration CreateConfigured(Uri receiver);

    /// <summary>Makes the receiver answer as the real service does when everything is right; 200 with an empty body by default.</summary>
    protected virtual void RespondAsWorking(TestReceiver receiver) => receiver.Respond = (_, context) =>
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        return Task.CompletedTask;
    };

    /// <summary>Makes the receiver answer as the real service does when the settings are wrong; 404 by default.</summary>
    protected virtual void RespondAsFailing(TestReceiver receiver) => receiver.Respond = (_, context) =>
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    };

    [Test]
    public void The_type_keeps_the_framework_promises() =>
        Assert.That(IntegrationConformance.CheckType<TIntegration>(), Is.Empty);

    [TestCaseSource(nameof(Databases))]
    public async Task Settings_survive_the_store_and_secrets_follow_the_rules(DatabaseKind kind)
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var host = await StartHostAsync(kind);
        var problems = await host.ScopeAsync(sp => IntegrationConformance.CheckStoredAsync(sp, CreateConfigured(receiver.BaseAddress)));
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public async Task Test_settings_succeeds_against_a_working_service()
    {
        await using var receiver = await TestReceiver.StartAsync();
        RespondAsWorking(receiver);
        await using var host = await StartHostAsync(DatabaseKind.Sqlite);

        var result = await host.ScopeAsync(sp => sp.GetRequiredService<IIntegrationTester>().TestAsync(CreateConfigured(receiver.BaseAddress)));

        Assert.That(result.Result.Succeeded, Is.True, result.Result.Message);
        Assert.That(receiver.Requests, Is.Not.Empty, "the test must reach the service");
    }

    [Test]
    public async Task Test_settings_fails_with_a_message_against_a_failing_service()
    {
        await using var receiver = await TestReceiver.StartAsync();
        RespondAsFailing(receiver);
        await using var host = await StartHostAsync(DatabaseKind.Sqlite);

        var result = await host.ScopeAsync(sp => sp.GetRequiredService<IIntegrationTester>().TestAsync(CreateConfigured(receiver.BaseAddress)));

        Assert.That(result.Result.Succeeded, Is.False);
        Assert.That(result.Result.Message, Is.Not.Empty);
        Assert.That(receiver.Requests, Is.Not.Empty, "the test must reach the service");
    }

    /// <summary>A host with the type registered and 127.0.0.1 allowed, on a fresh database.</summary>
    protected Task<IntegrationsTestHost> StartHostAsync(DatabaseKind kind) =>
        IntegrationsTestHost.StartAsync(kind, Register, o => o.Network.AllowedHosts.Add("127.0.0.1"));
}
