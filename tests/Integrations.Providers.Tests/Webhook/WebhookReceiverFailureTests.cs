using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Integrations.Events;
using Integrations.Health;
using Integrations.Providers.Webhook;
using Integrations.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Providers.Tests.Webhook;

/// <summary>Receivers that are slow, redirect, are gone, throttle or have a self-signed certificate, seen through the webhook provider.</summary>
[TestFixture(DatabaseKind.Sqlite)]
public sealed class WebhookReceiverFailureTests(DatabaseKind kind) : ProviderTests(kind)
{
    private async Task<WebhookIntegration> SaveHookAsync(Action<WebhookIntegration>? configure = null)
    {
        var hook = new WebhookIntegration { Scope = IntegrationScope.Project("app"), Active = true, Url = Receiver.Url("hook").ToString() };
        configure?.Invoke(hook);
        await SaveAsync(hook);
        return hook;
    }

    private async Task<Guid> DispatchOneAsync()
    {
        var deliveries = await DispatchAsync("app", SampleEvents.Push());
        await Host.StartWorkersAsync();
        return deliveries.Single().DeliveryId;
    }

    [Test]
    public async Task A_receiver_slower_than_the_hook_timeout_is_retried_later()
    {
        using var release = new CancellationTokenSource();
        Receiver.Respond = async (_, context) => await Task.Delay(Timeout.Infinite, release.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        await SaveHookAsync(h => h.TimeoutSeconds = 1);

        var id = await DispatchOneAsync();
        await Receiver.WaitForRequestsAsync(1);
        Host.AdvanceClock(TimeSpan.FromSeconds(1)); // the timeout runs on the injected clock
        var retried = await Host.WaitForDeliveryAsync(id, d => d.Status == DeliveryStatus.Pending && d.Attempts == 1, "the timed-out attempt is scheduled again");
        await release.CancelAsync();

        retried.LastError.Should().Contain("Timed out after 1 s");
    }

    [Test]
    public async Task A_redirect_is_not_followed_and_fails_the_attempt()
    {
        RespondWith(302, r => r.Headers.Location = "http://127.0.0.1:1/elsewhere");
        await SaveHookAsync();

        var id = await DispatchOneAsync();
        var failed = await Host.WaitForDeliveryAsync(id, d => d.Attempts == 1 && d.LastStatusCode == 302, "the redirect is recorded");

        failed.Status.Should().NotBe(DeliveryStatus.Succeeded);
        Receiver.Requests.Should().ContainSingle("the redirect target is never called");
    }

    [Test]
    public async Task A_410_Gone_disables_the_hook()
    {
        RespondWith(410);
        var hook = await SaveHookAsync();

        var id = await DispatchOneAsync();
        await Host.WaitForStatusAsync(id, DeliveryStatus.Dead, attempts: 1);

        var health = await Host.ScopeAsync(sp => sp.GetRequiredService<DeliveryLog.IDeliveryLog>().GetHealthAsync(hook.Id));
        health.Status.Should().Be(IntegrationHealthStatus.PermanentlyDisabled);
    }

    [Test]
    public async Task A_429_with_Retry_After_holds_the_delivery_until_then()
    {
        RespondWith(429, r => r.Headers.RetryAfter = "120");
        await SaveHookAsync();

        var id = await DispatchOneAsync();
        var held = await Host.WaitForDeliveryAsync(id, d => d.Status == DeliveryStatus.Pending && d.Attempts == 1, "the throttled attempt is held");

        held.NextAttemptAt.Should().BeCloseTo(Host.Time.GetUtcNow().AddSeconds(120), TimeSpan.FromSeconds(2));
        RespondWith(200);
        Host.AdvanceClock(TimeSpan.FromSeconds(121));
        await Host.WaitForStatusAsync(id, DeliveryStatus.Succeeded, attempts: 2);
    }

    [Test]
    public async Task SSL_verification_refuses_a_self_signed_receiver_unless_the_hook_turns_it_off()
    {
        await using var https = await TestReceiver.StartAsync(SelfSigned());
        var verifying = new WebhookIntegration { Scope = IntegrationScope.Project("app"), Active = true, Url = https.Url("hook").ToString() };
        var trusting = new WebhookIntegration { Scope = IntegrationScope.Project("app"), Active = true, Url = https.Url("hook").ToString(), EnableSslVerification = false };

        var refused = await TestSettingsAsync(verifying);
        var accepted = await TestSettingsAsync(trusting);

        refused.Result.Succeeded.Should().BeFalse();
        refused.Result.Message.Should().Contain("certificate").And.Contain("Could not reach");
        accepted.Result.Succeeded.Should().BeTrue(accepted.Result.Message);
        https.Requests.Should().ContainSingle("only the hook without verification got through");
    }

    [Test]
    public async Task Without_SSL_verification_the_local_network_guard_still_applies()
    {
        await using var https = await TestReceiver.StartAsync(SelfSigned());
        await Host.DisposeAsync();
        await using var strict = await IntegrationsTestHost.StartAsync(DatabaseKind.Sqlite, b => b.AddWebhooks());
        var hook = new WebhookIntegration { Scope = IntegrationScope.Project("app"), Active = true, Url = https.Url("hook").ToString(), EnableSslVerification = false };

        var result = await strict.ScopeAsync(sp => sp.GetRequiredService<TestSettings.IIntegrationTester>().TestAsync(hook));

        result.Result.Succeeded.Should().BeFalse();
        result.Result.Message.Should().Contain("refused");
        https.Requests.Should().BeEmpty();
    }

    /// <summary>A certificate for 127.0.0.1 that nobody trusts.</summary>
    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
