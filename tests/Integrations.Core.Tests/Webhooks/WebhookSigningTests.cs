using System.Text;
using Integrations.Http;
using Integrations.TestSupport;
using Integrations.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Core.Tests.Webhooks;

public class WebhookSigningTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private TestReceiver _receiver = null!;
    private ServiceProvider _services = null!;
    private HttpClient _client = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _receiver = await TestReceiver.StartAsync();
        var services = new ServiceCollection();
        services.AddIntegrations(o =>
        {
            o.Encryption.AddKey("k", TestKeys.NewBase64Key());
            o.Network.AllowedHosts.Add("127.0.0.1");
        });
        _services = services.BuildServiceProvider();
        _client = _services.GetRequiredService<IHttpClientFactory>().CreateClient(IntegrationsHttp.ClientName);
    }

    [TearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _receiver.DisposeAsync();
        await _services.DisposeAsync();
    }

    [Test]
    public void Signatures_match_the_Standard_Webhooks_reference_vector()
    {
        var signature = WebhookSignatures.StandardWebhooks(
            "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, Encoding.UTF8.GetBytes("{\"test\": 2432232314}"), ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]);

        signature.Should().Be("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    [Test]
    public void Hub_signatures_match_GitHubs_documented_example()
    {
        WebhookSignatures.HubSignature256("It's a Secret to Everybody", Encoding.UTF8.GetBytes("Hello, World!"))
            .Should().Be("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    }

    [Test]
    public async Task A_signed_delivery_verifies_with_an_independent_implementation_of_the_spec()
    {
        var secret = WebhookSecret.Generate();
        var message = Message() with { SigningSecrets = [secret] };

        await SendAsync(message);

        var received = _receiver.Requests.Single();
        received.Body.Should().Equal(message.Body.ToArray());
        received.Header("webhook-id").Should().Be(message.DeliveryId.ToString());
        received.Header("webhook-timestamp").Should().Be(Now.ToUnixTimeSeconds().ToString());
        StandardWebhooksVerifier.Verify(secret, received.Header("webhook-id")!, received.Header("webhook-timestamp")!, received.Header("webhook-signature")!, received.Body, Now)
            .Should().BeTrue();
        StandardWebhooksVerifier.Verify(WebhookSecret.Generate(), received.Header("webhook-id")!, received.Header("webhook-timestamp")!, received.Header("webhook-signature")!, received.Body, Now)
            .Should().BeFalse("another secret must not verify");
        StandardWebhooksVerifier.Verify(secret, received.Header("webhook-id")!, received.Header("webhook-timestamp")!, received.Header("webhook-signature")!, [.. received.Body, (byte)' '], Now)
            .Should().BeFalse("a changed body must not verify");
    }

    [Test]
    public async Task While_rotating_both_secrets_sign_and_either_verifies()
    {
        var (old, @new) = (WebhookSecret.Generate(), WebhookSecret.Generate());

        await SendAsync(Message() with { SigningSecrets = [old, @new] });

        var received = _receiver.Requests.Single();
        received.Header("webhook-signature")!.Split(' ').Should().HaveCount(2).And.OnlyContain(s => s.StartsWith("v1,"));
        foreach (var secret in new[] { old, @new })
        {
            StandardWebhooksVerifier.Verify(secret, received.Header("webhook-id")!, received.Header("webhook-timestamp")!, received.Header("webhook-signature")!, received.Body, Now)
                .Should().BeTrue();
        }
    }

    [Test]
    public async Task GitLab_headers_are_sent_and_ids_are_stable_across_attempts()
    {
        var message = Message() with { Token = "tok\r\nen", InstanceUrl = "https://forge.example.test" };

        await SendAsync(message);
        await SendAsync(message);

        var (first, second) = (_receiver.Requests.First(), _receiver.Requests.Last());
        first.Header("Content-Type").Should().Be("application/json");
        first.Header("User-Agent").Should().Be(IntegrationsHttp.DefaultUserAgent);
        first.Header("X-Gitlab-Event").Should().Be("Merge Request Hook");
        first.Header("X-Gitlab-Event-UUID").Should().Be(message.EventId.ToString());
        first.Header("X-Gitlab-Instance").Should().Be("https://forge.example.test");
        first.Header("X-Gitlab-Token").Should().Be("token");
        first.Header("Idempotency-Key").Should().Be(message.DeliveryId.ToString());
        first.Headers.Should().NotContainKey("webhook-signature", "no signing secret was set");
        second.Header("Idempotency-Key").Should().Be(first.Header("Idempotency-Key"));
        second.Header("webhook-id").Should().Be(first.Header("webhook-id"));
        second.Header("X-Gitlab-Webhook-UUID").Should().NotBe(first.Header("X-Gitlab-Webhook-UUID"), "a new id per request");
    }

    [Test]
    public async Task A_hub_signature_is_added_when_the_receiver_expects_one()
    {
        var message = Message() with { HubSecret = "shared-secret" };

        await SendAsync(message);

        _receiver.Requests.Single().Header("X-Hub-Signature-256")
            .Should().Be(WebhookSignatures.HubSignature256("shared-secret", message.Body.Span));
    }

    [Test]
    public async Task User_info_in_the_url_becomes_basic_auth_and_leaves_the_url()
    {
        var message = Message() with { Url = new Uri($"http://user:p%40ss@127.0.0.1:{_receiver.Port}/hook") };

        await SendAsync(message);

        var received = _receiver.Requests.Single();
        received.Header("Authorization").Should().Be("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("user:p@ss")));
        received.PathAndQuery.Should().Be("/hook");
    }

    [Test]
    public async Task Custom_headers_cannot_override_the_built_in_ones()
    {
        var message = Message() with
        {
            Headers = new Dictionary<string, string> { ["X-Gitlab-Event"] = "Forged Hook", ["X-Custom"] = "kept", ["webhook-id"] = "forged" },
        };

        await SendAsync(message);

        var received = _receiver.Requests.Single();
        received.Header("X-Gitlab-Event").Should().Be("Merge Request Hook");
        received.Header("webhook-id").Should().Be(message.DeliveryId.ToString());
        received.Header("X-Custom").Should().Be("kept");
    }

    [TestCase("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", true)]
    [TestCase("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", true)]
    [TestCase("whsec_c2hvcnQ=", false)]
    [TestCase("whsec_not base64!", false)]
    [TestCase("", false)]
    public void Secrets_are_recognised_with_or_without_the_prefix(string secret, bool valid)
    {
        WebhookSecret.TryGetKey(secret, out _).Should().Be(valid);
    }

    [Test]
    public void Generated_secrets_are_valid_and_different()
    {
        var (a, b) = (WebhookSecret.Generate(), WebhookSecret.Generate());

        a.Should().StartWith("whsec_").And.NotBe(b);
        WebhookSecret.TryGetKey(a, out var key).Should().BeTrue();
        key.Should().HaveCount(32);
    }

    private WebhookMessage Message() => new()
    {
        Url = _receiver.Url("hook"),
        Body = Encoding.UTF8.GetBytes("{\"object_kind\":\"merge_request\",\"id\":1}"),
        Event = IntegrationEvents.MergeRequest,
        DeliveryId = Guid.CreateVersion7(),
        EventId = Guid.CreateVersion7(),
    };

    private async Task SendAsync(WebhookMessage message)
    {
        using var request = WebhookRequestFactory.Create(message, Now);
        using var response = await _client.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }
}
