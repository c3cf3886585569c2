using System.Net;
using System.Text.Json.Nodes;
using Integrations.Providers.Tests.ServiceNow;
using Integrations.TestSupport;

namespace Integrations.Samples.Tests.Web;

/// <summary>The forge's deployments wait for ServiceNow change approval when the project's ServiceNow integration asks for it.</summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public sealed class DeploymentApprovalTests(DatabaseKind kind)
{
    private ForgeHost _forge = null!;
    private TestReceiver _receiver = null!;
    private FakeServiceNow _servicenow = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _receiver = await TestReceiver.StartAsync();
        _servicenow = new FakeServiceNow();
        _receiver.Respond = _servicenow.Respond;
        _forge = await ForgeHost.StartAsync(kind, settings: ["--Forge:ApprovalPollInterval=00:00:01"]);
    }

    [TearDown]
    public async Task StopAsync()
    {
        if (_forge is not null)
        {
            await _forge.DisposeAsync();
        }

        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }
    }

    private async Task ConnectServiceNowAsync()
    {
        var put = await _forge.Admin.PutAsync(new Uri("api/v4/projects/1/integrations/servicenow", UriKind.Relative), ForgeHost.Json($$"""
            {"instance_url": "{{_receiver.BaseAddress}}", "username": "{{FakeServiceNow.User}}", "password": "{{FakeServiceNow.Password}}",
             "change_environment_tiers": ["production"], "create_incidents": false}
            """));
        put.StatusCode.Should().Be(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
    }

    private async Task<JsonNode> DeployAsync(string environment)
    {
        var created = await _forge.Admin.PostAsync(new Uri("api/v4/projects/1/deployments", UriKind.Relative),
            ForgeHost.Json($$"""{"environment": "{{environment}}", "sha": "aaaaaaaa11111111", "ref": "main", "tag": false}"""));
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return await ForgeHost.ReadJsonAsync(created);
    }

    /// <summary>Reads the deployment until its status is <paramref name="status"/> (the approval poll runs every second).</summary>
    private async Task<JsonNode> WaitForStatusAsync(JsonNode deployment, string status)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var read = await ForgeHost.ReadJsonAsync(await _forge.Admin.GetAsync(new Uri($"api/v4/projects/1/deployments/{deployment["id"]}", UriKind.Relative), timeout.Token));
            if (read["status"]!.GetValue<string>() == status)
            {
                return read;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
        }
    }

    [Test]
    public async Task A_production_deployment_waits_for_its_change_request_and_runs_once_approved()
    {
        await ConnectServiceNowAsync();

        var deployment = await DeployAsync("production");

        deployment["status"]!.GetValue<string>().Should().Be("blocked");
        var change = _servicenow.Rows("change_request").Should().ContainSingle().Subject;
        deployment["change_request"]!.GetValue<string>().Should().EndWith("change_request.do?sys_id=" + change["sys_id"]!.GetValue<string>());
        change["approval"]!.GetValue<string>().Should().Be("requested");
        (await _forge.Admin.PutAsync(new Uri($"api/v4/projects/1/deployments/{deployment["id"]}", UriKind.Relative), ForgeHost.Json("""{"status": "success"}""")))
            .StatusCode.Should().Be(HttpStatusCode.Conflict, "a held deployment cannot finish before it is approved");

        _servicenow.Decide(change["sys_id"]!.GetValue<string>(), "approved");
        await WaitForStatusAsync(deployment, "running");

        (await _forge.Admin.PutAsync(new Uri($"api/v4/projects/1/deployments/{deployment["id"]}", UriKind.Relative), ForgeHost.Json("""{"status": "success"}""")))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        (await _forge.WaitUntilRecordedAsync("1", 2)).Should().OnlyContain(d => d.Status == DeliveryStatus.Succeeded, "running, then success");

        _servicenow.Rows("change_request").Should().ContainSingle("the deployment's events closed the change request the gate opened")
            .Which["close_code"]!.GetValue<string>().Should().Be("successful");
    }

    [Test]
    public async Task A_rejected_change_cancels_the_deployment_and_other_tiers_are_not_held()
    {
        await ConnectServiceNowAsync();

        var staging = await DeployAsync("staging");
        var production = await DeployAsync("production");
        staging["status"]!.GetValue<string>().Should().Be("running", "only production is gated");

        _servicenow.Decide(_servicenow.Rows("change_request").Single()["sys_id"]!.GetValue<string>(), "rejected");

        (await WaitForStatusAsync(production, "canceled"))["change_request"].Should().NotBeNull();
    }

    [Test]
    public async Task A_deployment_is_not_created_when_ServiceNow_refuses_the_change_request()
    {
        await ConnectServiceNowAsync();
        _servicenow.Denied.Add("change_request");

        var refused = await _forge.Admin.PostAsync(new Uri("api/v4/projects/1/deployments", UriKind.Relative),
            ForgeHost.Json("""{"environment": "production", "sha": "aaaaaaaa11111111", "ref": "main", "tag": false}"""));

        refused.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        (await ForgeHost.ReadJsonAsync(refused))["message"]!.GetValue<string>().Should().Contain("ServiceNow approval could not be requested").And.Contain("403");
        (await ForgeHost.ReadJsonAsync(await _forge.Admin.GetAsync(new Uri("api/v4/projects/1/deployments", UriKind.Relative)))).AsArray().Should().BeEmpty();
    }
}
