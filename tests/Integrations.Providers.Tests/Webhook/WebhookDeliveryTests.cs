using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Integrations.Events;
using Integrations.Providers.Webhook;
using Integrations.TestSupport;
using Integrations.Webhooks;

namespace Integrations.Providers.Tests.Webhook;

/// <summary>What a webhook sends, checked at a real receiver, and verified the way receivers verify it.</summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public sealed class WebhookDeliveryTests(DatabaseKind kind) : ProviderTests(kind)
{
    private WebhookIntegration Hook(Action<WebhookIntegration>? configure = null)
    {
        var hook = new WebhookIntegration { Scope = IntegrationScope.Project("app"), Active = true, Url = Receiver.Url("hook").ToString() };
        configure?.Invoke(hook);
        return hook;
    }

    [Test]
    public async Task A_push_arrives_with_GitLab_headers_the_token_and_custom_headers_and_built_in_headers_win()
    {
        await SaveAsync(Hook(h =>
        {
            h.Token = "shared-token";
            h.CustomHeaders = new Dictionary<string, string> { ["X-Team"] = "platform", ["X-Gitlab-Event"] = "Forged Hook" };
        }));

        var deliveries = await DeliverAsync("app", SampleEvents.Push());

        var request = Receiver.Requests.Single();
        request.Header("X-Gitlab-Event").Should().Be("Push Hook", "a custom header cannot replace a built-in one");
        request.Header("X-Gitlab-Token").Should().Be("shared-token");
        request.Header("X-Team").Should().Be("platform");
        request.Header("Idempotency-Key").Should().Be(deliveries[0].DeliveryId.ToString());
        request.Header("webhook-id").Should().Be(deliveries[0].DeliveryId.ToString());
        request.Header("Content-Type").Should().StartWith("application/json");
        JsonDocument.Parse(request.Body).RootElement.GetProperty("object_kind").GetString().Should().Be("push");
    }

    [Test]
    public async Task Signatures_verify_with_independent_Standard_Webhooks_and_GitHub_implementations_and_with_the_library_verifier()
    {
        var secret = WebhookSecret.Generate();
        await SaveAsync(Hook(h =>
        {
            h.SigningSecret = secret;
            h.HubSignature = true;
        }));

        await DeliverAsync("app", SampleEvents.Push());

        var request = Receiver.Requests.Single();
        var id = request.Header("webhook-id")!;
        var timestamp = request.Header("webhook-timestamp")!;
        IndependentStandardWebhooksSignature(secret, id, timestamp, request.Body)
            .Should().BeOneOf(request.Header("webhook-signature")!.Split(' '));
        request.Header("X-Hub-Signature-256").Should().Be(IndependentHubSignature(secret, request.Body));

        var now = DateTimeOffset.FromUnixTimeSeconds(long.Parse(timestamp, CultureInfo.InvariantCulture));
        WebhookVerifier.VerifyStandardWebhooks(secret, id, timestamp, request.Header("webhook-signature"), request.Body, now).IsValid.Should().BeTrue();
        WebhookVerifier.VerifyHubSignature256(secret, request.Header("X-Hub-Signature-256"), request.Body).IsValid.Should().BeTrue();

        var tampered = request.Body.ToArray();
        tampered[^2] ^= 1;
        WebhookVerifier.VerifyStandardWebhooks(secret, id, timestamp, request.Header("webhook-signature"), tampered, now).IsValid.Should().BeFalse();
        WebhookVerifier.VerifyHubSignature256(secret, request.Header("X-Hub-Signature-256"), tampered).IsValid.Should().BeFalse();
        WebhookVerifier.VerifyStandardWebhooks(secret, id, timestamp, request.Header("webhook-signature"), request.Body, now.AddMinutes(6))
            .Failure.Should().Contain("too far", "an old delivery replayed later is refused");
    }

    [Test]
    public async Task Receivers_using_the_StandardWebhooks_package_verify_deliveries_and_keep_verifying_with_the_old_secret_during_a_rotation()
    {
        Host.Time.SetUtcNow(DateTimeOffset.UtcNow); // the package checks the timestamp against the real clock
        var hook = Hook(h => h.SigningSecret = WebhookSecret.Generate());
        var old = hook.SigningSecret!;
        await SaveAsync(hook);
        await DeliverAsync("app", SampleEvents.Push());
        VerifyWithPackage(old, Receiver.Requests.Last()).Should().BeNull("a receiver verifies with the StandardWebhooks package");

        var edited = await LoadAsync<WebhookIntegration>(hook.Id);
        var rotated = edited.RotateSigningSecret(Host.Time.GetUtcNow());
        await SaveAsync(edited);
        var deliveries = await DispatchAsync("app", SampleEvents.Push());
        await Host.WaitForStatusAsync(deliveries[0].DeliveryId, DeliveryStatus.Succeeded);
        var during = Receiver.Requests.Last();

        VerifyWithPackage(old, during).Should().BeNull("a receiver that has not switched yet keeps working during the overlap");
        VerifyWithPackage(WebhookSecret.Generate(), during).Should().NotBeNull("a stranger's secret verifies nothing");
        var now = Host.Time.GetUtcNow();
        WebhookVerifier.VerifyStandardWebhooks(rotated, during.Header("webhook-id"), during.Header("webhook-timestamp"), during.Header("webhook-signature"), during.Body, now)
            .IsValid.Should().BeTrue("a receiver that switched early verifies with any library that checks every signature");
    }

    /// <summary>Null when the StandardWebhooks package (an implementation independent of ours) accepts the request, else its reason.</summary>
    private static string? VerifyWithPackage(string secret, ReceivedRequest request)
    {
        var headers = new Microsoft.AspNetCore.Http.HeaderDictionary(
            request.Headers.ToDictionary(h => h.Key, h => new Microsoft.Extensions.Primitives.StringValues(h.Value), StringComparer.OrdinalIgnoreCase));
        try
        {
            new StandardWebhooks.StandardWebhook(secret).Verify(request.BodyText, headers);
            return null;
        }
        catch (StandardWebhooks.Diagnostics.WebhookVerificationException ex)
        {
            return ex.Message;
        }
    }

    [Test]
    public async Task After_a_rotation_both_secrets_sign_during_the_overlap_and_only_the_new_one_after_it()
    {
        var hook = Hook(h =>
        {
            h.SigningSecret = WebhookSecret.Generate();
            h.SigningSecretOverlapHours = 2;
        });
        var old = hook.SigningSecret!;
        var rotated = hook.RotateSigningSecret(Host.Time.GetUtcNow());
        await SaveAsync(hook);
        (await LoadAsync<WebhookIntegration>(hook.Id)).PreviousSigningSecret.Should().Be(old, "the previous secret is stored, encrypted");

        await DeliverAsync("app", SampleEvents.Push());
        var during = Receiver.Requests.Last();
        Signatures(during).Should().Equal(
            [IndependentStandardWebhooksSignature(old, during.Header("webhook-id")!, during.Header("webhook-timestamp")!, during.Body),
             IndependentStandardWebhooksSignature(rotated, during.Header("webhook-id")!, during.Header("webhook-timestamp")!, during.Body)],
            "receivers holding either secret can verify during the overlap, and the old one signs first for libraries that read only the first");

        Host.AdvanceClock(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));
        var deliveries = await DispatchAsync("app", SampleEvents.Push());
        await Host.WaitForStatusAsync(deliveries[0].DeliveryId, DeliveryStatus.Succeeded);
        var after = Receiver.Requests.Last();
        Signatures(after).Should().Equal(IndependentStandardWebhooksSignature(rotated, after.Header("webhook-id")!, after.Header("webhook-timestamp")!, after.Body));
    }

    [Test]
    public async Task URL_variables_fill_the_URL_and_never_reach_the_delivery_log_not_even_echoed_in_response_headers()
    {
        Receiver.Respond = (request, context) =>
        {
            context.Response.StatusCode = 200;
            context.Response.Headers["X-Echo"] = "you called " + request.PathAndQuery;
            return Task.CompletedTask;
        };
        await SaveAsync(Hook(h =>
        {
            h.Url = Receiver.BaseAddress + "hooks/{project_key}?key={api_key}";
            h.UrlVariables = new Dictionary<string, string> { ["project_key"] = "pk-7f3a9c", ["api_key"] = "ak-51d0e2" };
        }));

        var deliveries = await DeliverAsync("app", SampleEvents.Push());

        Receiver.Requests.Single().PathAndQuery.Should().Be("/hooks/pk-7f3a9c?key=ak-51d0e2");
        var attempt = (await AttemptsAsync(deliveries[0].DeliveryId)).Single();
        var logged = attempt.RequestUrl + JsonSerializer.Serialize(attempt.ResponseHeaders) + JsonSerializer.Serialize(attempt.RequestHeaders);
        logged.Should().NotContain("pk-7f3a9c").And.NotContain("ak-51d0e2");
        attempt.ResponseHeaders["X-Echo"].Should().Contain(SecretMask.Value);
    }

    [Test]
    public async Task Custom_header_values_are_masked_in_the_delivery_log()
    {
        await SaveAsync(Hook(h => h.CustomHeaders = new Dictionary<string, string> { ["X-Api-Secret"] = "hdr-3e8b1f77" }));

        var deliveries = await DeliverAsync("app", SampleEvents.Push());

        Receiver.Requests.Single().Header("X-Api-Secret").Should().Be("hdr-3e8b1f77");
        var attempt = (await AttemptsAsync(deliveries[0].DeliveryId)).Single();
        attempt.RequestHeaders["X-Api-Secret"].Should().NotContain("hdr-3e8b1f77");
    }

    [Test]
    public async Task A_template_reshapes_a_push_into_a_different_JSON_body()
    {
        await SaveAsync(Hook(h => h.CustomWebhookTemplate =
            """{"text": "{{user_name}} pushed {{total_commits_count}} commits to {{project.path_with_namespace}}", "ref": "{{ref}}", "count": {{total_commits_count}}}"""));

        await DeliverAsync("app", SampleEvents.Push());

        var body = JsonDocument.Parse(Receiver.Requests.Single().Body).RootElement;
        var push = SampleEvents.Push();
        body.GetProperty("text").GetString().Should().Be($"{push.UserName} pushed {push.TotalCommitsCount} commits to {push.Project.PathWithNamespace}");
        body.GetProperty("ref").GetString().Should().Be(push.Ref);
        body.GetProperty("count").GetInt32().Should().Be(push.TotalCommitsCount);
        body.TryGetProperty("object_kind", out _).Should().BeFalse("only the template's keys are sent");
    }

    [Test]
    public async Task Template_values_are_JSON_escaped()
    {
        await SaveAsync(Hook(h =>
        {
            h.EnabledEvents = IntegrationEvents.Push;
            h.CustomWebhookTemplate = """{"message": "{{commits_message}}", "ref": "{{ref}}"}""";
        }));

        var tricky = new JsonEvent(IntegrationEvents.Push, Encoding.UTF8.GetBytes("""{"object_kind":"push","ref":"refs/heads/main\" , \"injected\": \"yes","commits_message":"line1\nline2"}"""), "refs/heads/main");
        await DeliverAsync("app", tricky);

        var body = JsonDocument.Parse(Receiver.Requests.Single().Body).RootElement;
        body.GetProperty("ref").GetString().Should().Be("refs/heads/main\" , \"injected\": \"yes");
        body.TryGetProperty("injected", out _).Should().BeFalse();
    }

    [Test]
    public async Task A_template_that_does_not_fit_an_event_fails_that_delivery_with_a_clear_message_and_no_request()
    {
        await SaveAsync(Hook(h => h.CustomWebhookTemplate = """{"title": "{{object_attributes.title}}"}"""));
        var odd = new JsonEvent(IntegrationEvents.Push, Encoding.UTF8.GetBytes("""{"object_kind":"push","object_attributes":[{"title":"x"}]}"""), "refs/heads/main");

        var deliveries = await DispatchAsync("app", odd);
        await Host.StartWorkersAsync();
        var failed = await Host.WaitForStatusAsync(deliveries[0].DeliveryId, DeliveryStatus.Dead);

        failed.LastError.Should().Contain("{{object_attributes.title}}").And.Contain("array");
        Receiver.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task Test_settings_sends_the_chosen_event_kind_with_the_values_being_edited()
    {
        var edited = Hook(h => h.Token = "not-saved-yet");

        var result = await TestSettingsAsync(edited, IntegrationEvents.MergeRequest);

        result.Result.Succeeded.Should().BeTrue(result.Result.Message);
        var request = Receiver.Requests.Single();
        request.Header("X-Gitlab-Event").Should().Be("Merge Request Hook");
        request.Header("X-Gitlab-Token").Should().Be("not-saved-yet");
        JsonDocument.Parse(request.Body).RootElement.GetProperty("object_kind").GetString().Should().Be("merge_request");
    }

    [Test]
    public async Task A_resend_from_the_hook_log_keeps_the_delivery_id()
    {
        var hook = Hook();
        await SaveAsync(hook);
        var deliveries = await DeliverAsync("app", SampleEvents.Push());
        var id = deliveries[0].DeliveryId;

        var page = await Host.ScopeAsync(sp => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<DeliveryLog.IDeliveryLog>(sp).QueryAsync(new DeliveryLog.DeliveryQuery { IntegrationId = hook.Id }));
        page.Items.Select(d => d.Id).Should().Equal(id);
        (await Host.ScopeAsync(sp => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<DeliveryLog.IDeliveryLog>(sp).ResendAsync(id))).Should().BeTrue();
        await Receiver.WaitForRequestsAsync(2);

        Receiver.Requests.Select(r => r.Header("webhook-id")).Should().Equal(id.ToString(), id.ToString());
        Receiver.Requests.Select(r => r.Header("Idempotency-Key")).Distinct().Should().ContainSingle();
    }

    private static string[] Signatures(ReceivedRequest request) => request.Header("webhook-signature")!.Split(' ');

    /// <summary>The Standard Webhooks algorithm written out from the specification, sharing no code with the library.</summary>
    private static string IndependentStandardWebhooksSignature(string secret, string id, string timestamp, byte[] body)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        using var hmac = new HMACSHA256(key);
        var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body).ToArray();
        return "v1," + Convert.ToBase64String(hmac.ComputeHash(signed));
    }

    /// <summary>GitHub's method: sha256= and the lowercase hex HMAC of the body, keyed with the secret's text.</summary>
    private static string IndependentHubSignature(string secret, byte[] body)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        return "sha256=" + string.Concat(hmac.ComputeHash(body).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }
}
