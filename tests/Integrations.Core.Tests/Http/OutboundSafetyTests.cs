using System.Net;
using Integrations.Http;
using Integrations.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Integrations.Core.Tests.Http;

public class OutboundSafetyTests
{
    private TestReceiver _receiver = null!;

    [SetUp]
    public async Task StartReceiverAsync() => _receiver = await TestReceiver.StartAsync();

    [TearDown]
    public async Task StopReceiverAsync() => await _receiver.DisposeAsync();

    [TestCase("127.0.0.1")]
    [TestCase("2130706433", Description = "decimal")]
    [TestCase("0177.0.0.1", Description = "octal")]
    [TestCase("0x7f.0.0.1", Description = "hex octet")]
    [TestCase("0x7f000001", Description = "hex number")]
    [TestCase("127.1", Description = "short form")]
    [TestCase("0", Description = "unspecified, which Linux connects to loopback")]
    [TestCase("0.0.0.0")]
    [TestCase("localhost", Description = "a DNS name that resolves to loopback")]
    [TestCase("[::1]")]
    [TestCase("[::ffff:127.0.0.1]", Description = "IPv4-mapped")]
    [TestCase("[::ffff:7f00:1]", Description = "IPv4-mapped, hex")]
    [TestCase("[0:0:0:0:0:ffff:127.0.0.1]", Description = "IPv4-mapped, long")]
    [TestCase("[::127.0.0.1]", Description = "IPv4-compatible")]
    [TestCase("[::]")]
    public async Task Every_way_of_writing_a_loopback_address_is_refused_before_connecting(string host)
    {
        using var services = Services();
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient(IntegrationsHttp.ClientName);

        var send = () => client.GetAsync(new Uri($"http://{host}:{_receiver.Port}/hook"));

        var refused = (await send.Should().ThrowAsync<HttpRequestException>()).Which.InnerException;
        refused.Should().BeOfType<OutboundRequestRefusedException>();
        refused!.Message.Should().Contain("was refused").And.Contain("AllowedHosts");
        _receiver.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task A_name_that_resolves_to_a_private_address_is_refused_and_the_message_names_both()
    {
        using var services = Services(resolver: new FakeResolver { ["intranet.example.test"] = [IPAddress.Parse("10.1.2.3")] });
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient(IntegrationsHttp.ClientName);

        var send = () => client.GetAsync(new Uri("http://intranet.example.test/hook"));

        (await send.Should().ThrowAsync<HttpRequestException>()).Which.InnerException!.Message.Should().Be(
            "The request to 'intranet.example.test' (which resolves to 10.1.2.3) was refused: 10.1.2.3 is a private network address (RFC 1918). If this destination is intended, add it to IntegrationsOptions.Network.AllowedHosts (for local development, name the host there rather than set Network.AllowLocalNetwork).");
    }

    [Test]
    public async Task A_name_resolving_to_both_public_and_private_addresses_is_refused()
    {
        using var services = Services(resolver: new FakeResolver { ["rebind.example.test"] = [IPAddress.Parse("93.184.216.34"), IPAddress.Parse("169.254.169.254")] });
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient(IntegrationsHttp.ClientName);

        var send = () => client.GetAsync(new Uri("http://rebind.example.test/"));

        (await send.Should().ThrowAsync<HttpRequestException>()).Which.InnerException!.Message.Should().Contain("169.254.169.254 is a cloud metadata endpoint");
    }

    [TestCase("127.0.0.1")]
    [TestCase("127.0.0.0/8")]
    [TestCase("localhost")]
    public async Task Hosts_on_the_allow_list_are_reachable(string entry)
    {
        using var services = Services(o => o.Network.AllowedHosts.Add(entry));
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient(IntegrationsHttp.ClientName);
        var host = entry == "localhost" ? "localhost" : "127.0.0.1";

        using var response = await client.GetAsync(new Uri($"http://{host}:{_receiver.Port}/ok"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        _receiver.Requests.Should().ContainSingle().Which.PathAndQuery.Should().Be("/ok");
    }

    [Test]
    public async Task Allowing_the_local_network_reaches_loopback()
    {
        using var services = Services(o => o.Network.AllowLocalNetwork = true);
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient(IntegrationsHttp.ClientName);

        using var response = await client.GetAsync(_receiver.Url("ok"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [TestCase("169.254.169.254", "169.254.169.254")]
    [TestCase("[fd00:ec2::254]", "fd00:ec2::254")]
    [TestCase("100.100.100.200", "100.100.100.200", Description = "Alibaba Cloud")]
    [TestCase("[::ffff:169.254.169.254]", "169.254.169.254", Description = "IPv4-mapped")]
    [TestCase("metadata.google.internal", "169.254.169.254", Description = "by name")]
    public async Task Cloud_metadata_endpoints_stay_refused_when_the_local_network_is_allowed(string host, string address)
    {
        using var services = Services(o => o.Network.AllowLocalNetwork = true,
            new FakeResolver { ["metadata.google.internal"] = [IPAddress.Parse("169.254.169.254")] });
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient(IntegrationsHttp.ClientName);

        var send = () => client.GetAsync(new Uri($"http://{host}/latest/meta-data/"));

        var refused = (await send.Should().ThrowAsync<HttpRequestException>()).Which.InnerException;
        refused.Should().BeOfType<OutboundRequestRefusedException>();
        refused!.Message.Should().Contain("cloud metadata endpoint").And.Contain("name it in IntegrationsOptions.Network.AllowedHosts")
            .And.Contain(address);
        var check = services.GetRequiredService<IOutboundUrlCheck>();
        check.WhyRefused(new Uri($"http://{host}/")).Should().Contain("cloud metadata endpoint", "a hook to it is refused when it is saved, too");
    }

    [Test]
    public void A_metadata_endpoint_named_in_the_allow_list_is_allowed()
    {
        using var services = Services(o =>
        {
            o.Network.AllowLocalNetwork = true;
            o.Network.AllowedHosts.Add("169.254.169.254");
        });

        services.GetRequiredService<IOutboundUrlCheck>().WhyRefused(new Uri("http://169.254.169.254/latest/meta-data/")).Should().BeNull();
    }

    [Test]
    public async Task Redirects_are_returned_not_followed()
    {
        _receiver.Respond = (request, context) =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = "http://169.254.169.254/latest/meta-data/";
            return Task.CompletedTask;
        };
        using var services = Services(o => o.Network.AllowedHosts.Add("127.0.0.1"));
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient(IntegrationsHttp.ClientName);

        using var response = await client.GetAsync(_receiver.Url("redirect"));

        response.StatusCode.Should().Be(HttpStatusCode.Found);
        _receiver.Requests.Should().ContainSingle();
    }

    [Test]
    public async Task The_client_sends_a_user_agent_and_no_cookies()
    {
        using var services = Services(o => o.Network.AllowedHosts.Add("127.0.0.1"));
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient(IntegrationsHttp.ClientName);

        using var response = await client.GetAsync(_receiver.Url("ua"));

        _receiver.Requests.Single().Header("User-Agent").Should().Be(IntegrationsHttp.DefaultUserAgent);
        _receiver.Requests.Single().Headers.Should().NotContainKey("Cookie");
    }

    [Test]
    public async Task The_user_agent_names_the_library_and_version_only_unless_the_host_names_itself()
    {
        IntegrationsHttp.DefaultUserAgent.Should().MatchRegex(@"^Integrations/\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$", "no made-up project URL");
        using var services = Services(o =>
        {
            o.Network.AllowedHosts.Add("127.0.0.1");
            o.Network.UserAgent = "MyForge/2.3 (+https://forge.example.test/help/webhooks)";
        });
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient(IntegrationsHttp.ClientName);

        using var response = await client.GetAsync(_receiver.Url("ua"));

        _receiver.Requests.Single().Header("User-Agent").Should().Be("MyForge/2.3 (+https://forge.example.test/help/webhooks)");
        using var invalid = Services(o => o.Network.UserAgent = "My Forge \u0001");
        FluentActions.Invoking(() => invalid.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate())
            .Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*Network.UserAgent*is not a valid User-Agent header*");
    }

    [Test]
    public async Task Response_bodies_are_read_only_up_to_the_cap()
    {
        _receiver.Respond = async (_, context) => await context.Response.WriteAsync(new string('x', 100_000));
        using var services = Services(o => o.Network.AllowedHosts.Add("127.0.0.1"));
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient(IntegrationsHttp.ClientName);
        using var response = await client.GetAsync(_receiver.Url("big"), HttpCompletionOption.ResponseHeadersRead);

        var (body, truncated) = await IntegrationsHttp.ReadCappedAsync(response.Content, 8 * 1024, CancellationToken.None);

        body.Should().HaveCount(8 * 1024);
        truncated.Should().BeTrue();
    }

    [Test]
    public void Invalid_allow_list_entries_fail_at_startup()
    {
        using var services = Services(o => o.Network.AllowedHosts.Add("not a host!"));

        var startup = () => services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();

        startup.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*'not a host!' is not a host name*");
    }

    [Test]
    public void Per_integration_timeouts_are_clamped_into_the_allowed_range()
    {
        var network = new OutboundNetworkOptions();

        network.ClampTimeout(null).Should().Be(TimeSpan.FromSeconds(10));
        network.ClampTimeout(TimeSpan.FromMilliseconds(10)).Should().Be(TimeSpan.FromSeconds(1));
        network.ClampTimeout(TimeSpan.FromMinutes(10)).Should().Be(TimeSpan.FromSeconds(60));
        network.ClampTimeout(TimeSpan.FromSeconds(25)).Should().Be(TimeSpan.FromSeconds(25));
    }

    private static ServiceProvider Services(Action<IntegrationsOptions>? options = null, FakeResolver? resolver = null)
    {
        var services = new ServiceCollection();
        services.AddIntegrations(o =>
        {
            o.Encryption.AddKey("k", TestKeys.NewBase64Key());
            options?.Invoke(o);
        });
        if (resolver is not null)
        {
            services.Replace(ServiceDescriptor.Singleton<IHostNameResolver>(resolver));
        }

        return services.BuildServiceProvider();
    }

    private sealed class FakeResolver : Dictionary<string, IPAddress[]>, IHostNameResolver
    {
        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
            Task.FromResult(TryGetValue(host, out var addresses) ? addresses : []);
    }
}
