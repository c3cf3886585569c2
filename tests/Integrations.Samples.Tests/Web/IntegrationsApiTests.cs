using System.Net;
using Integrations.TestSupport;

namespace Integrations.Samples.Tests.Web;

/// <summary>GitLab's integrations API over real HTTP, with inheritance from groups and write-only secrets.</summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public sealed class IntegrationsApiTests(DatabaseKind kind)
{
    private ForgeHost _forge = null!;

    [SetUp]
    public async Task StartAsync() => _forge = await ForgeHost.StartAsync(kind);

    [TearDown]
    public async Task StopAsync()
    {
        if (_forge is not null)
        {
            await _forge.DisposeAsync();
        }
    }

    [Test]
    public async Task An_integration_is_set_up_read_listed_and_disabled_by_its_slug_and_its_secret_is_write_only()
    {
        var put = await _forge.Admin.PutAsync(new Uri("api/v4/projects/1/integrations/datadog", UriKind.Relative),
            ForgeHost.Json("""{"api_key": "ddkey0123456789", "datadog_service": "billing", "datadog_env": "prod", "job_events": false}"""));
        put.StatusCode.Should().Be(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        var body = await ForgeHost.ReadJsonAsync(put);

        body["slug"]!.GetValue<string>().Should().Be("datadog");
        body["active"]!.GetValue<bool>().Should().BeTrue("PUT always activates, as GitLab's");
        body["pipeline_events"]!.GetValue<bool>().Should().BeTrue();
        body["job_events"]!.GetValue<bool>().Should().BeFalse();
        body["inherited"]!.GetValue<bool>().Should().BeFalse();
        body["properties"]!["datadog_service"]!.GetValue<string>().Should().Be("billing");
        body["properties"]!.AsObject().ContainsKey("api_key").Should().BeFalse("secrets are write-only");

        var list = await ForgeHost.ReadJsonAsync(await _forge.Admin.GetAsync(new Uri("api/v4/projects/1/integrations", UriKind.Relative)));
        list.AsArray().Select(i => i!["slug"]!.GetValue<string>()).Should().Equal("datadog");
        var viaServices = await _forge.Admin.GetAsync(new Uri("api/v4/projects/1/services/datadog", UriKind.Relative));
        viaServices.StatusCode.Should().Be(HttpStatusCode.OK, "the legacy /services alias still works");
        (put.Content.Headers.ToString() + await put.Content.ReadAsStringAsync() + list.ToJsonString() + await viaServices.Content.ReadAsStringAsync())
            .Should().NotContain("ddkey0123456789");

        (await _forge.Admin.DeleteAsync(new Uri("api/v4/projects/1/integrations/datadog", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await _forge.Admin.GetAsync(new Uri("api/v4/projects/1/integrations/datadog", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task A_group_integration_is_inherited_by_its_projects_and_a_project_can_use_inherited_settings()
    {
        (await _forge.Admin.PutAsync(new Uri("api/v4/groups/acme/integrations/datadog", UriKind.Relative),
            ForgeHost.Json("""{"api_key": "ddkey0123456789", "datadog_service": "acme-wide"}"""))).StatusCode.Should().Be(HttpStatusCode.OK);

        var inherited = await ForgeHost.ReadJsonAsync(await _forge.Admin.GetAsync(new Uri("api/v4/projects/acme%2Fplatform%2Fbilling-api/integrations/datadog", UriKind.Relative)));
        inherited["inherited"]!.GetValue<bool>().Should().BeTrue("project billing-api sits two groups under acme");
        inherited["properties"]!["datadog_service"]!.GetValue<string>().Should().Be("acme-wide");

        var own = await _forge.Admin.PutAsync(new Uri("api/v4/projects/1/integrations/datadog", UriKind.Relative), ForgeHost.Json("""{"use_inherited_settings": true}"""));
        own.StatusCode.Should().Be(HttpStatusCode.OK, await own.Content.ReadAsStringAsync());
        (await ForgeHost.ReadJsonAsync(own))["inherited"]!.GetValue<bool>().Should().BeTrue();
    }

    [Test]
    public async Task Invalid_settings_unknown_slugs_and_levels_get_GitLab_statuses()
    {
        var missingKey = await _forge.Admin.PutAsync(new Uri("api/v4/projects/1/integrations/datadog", UriKind.Relative), ForgeHost.Json("""{"datadog_service": "x"}"""));
        var unknown = await _forge.Admin.GetAsync(new Uri("api/v4/projects/1/integrations/no-such-thing", UriKind.Relative));
        var webhookIsNotAnIntegration = await _forge.Admin.GetAsync(new Uri("api/v4/projects/1/integrations/webhook", UriKind.Relative));
        var jenkinsAtGroup = await _forge.Admin.PutAsync(new Uri("api/v4/groups/1/integrations/jenkins", UriKind.Relative),
            ForgeHost.Json("""{"jenkins_url": "https://ci.example.com", "project_name": "app"}"""));
        var instanceAsDeveloper = await _forge.Developer.GetAsync(new Uri("api/v4/admin/integrations", UriKind.Relative));

        missingKey.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ForgeHost.ReadJsonAsync(missingKey))["message"]!["api_key"]!.ToJsonString().Should().Contain("required");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        webhookIsNotAnIntegration.StatusCode.Should().Be(HttpStatusCode.NotFound, "webhooks have the hooks API");
        jenkinsAtGroup.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, "Jenkins is project-level only");
        instanceAsDeveloper.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ForgeHost.ReadJsonAsync(await _forge.Admin.GetAsync(new Uri("api/v4/projects/1/integrations", UriKind.Relative)))).AsArray().Should().BeEmpty();
    }

    [Test]
    public async Task A_stale_version_gets_409_and_the_other_edit_is_kept()
    {
        var first = await ForgeHost.ReadJsonAsync(await _forge.Admin.PutAsync(new Uri("api/v4/projects/1/integrations/datadog", UriKind.Relative),
            ForgeHost.Json("""{"api_key": "ddkey0123456789", "datadog_env": "one"}""")));
        var version = first["version"]!.GetValue<int>();
        (await _forge.Admin.PutAsync(new Uri("api/v4/projects/1/integrations/datadog", UriKind.Relative),
            ForgeHost.Json($$"""{"datadog_env": "two", "version": {{version}}}"""))).StatusCode.Should().Be(HttpStatusCode.OK);

        var stale = await _forge.Admin.PutAsync(new Uri("api/v4/projects/1/integrations/datadog", UriKind.Relative),
            ForgeHost.Json($$"""{"datadog_env": "three", "version": {{version}}}"""));

        stale.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await ForgeHost.ReadJsonAsync(stale))["message"]!.GetValue<string>().Should().Contain("changed since version");
        var now = await ForgeHost.ReadJsonAsync(await _forge.Admin.GetAsync(new Uri("api/v4/projects/1/integrations/datadog", UriKind.Relative)));
        now["properties"]!["datadog_env"]!.GetValue<string>().Should().Be("two", "the stale edit did not overwrite the newer one");
    }

    [Test]
    public async Task A_project_can_inherit_one_field_from_its_group_and_set_another()
    {
        (await _forge.Admin.PutAsync(new Uri("api/v4/groups/acme/integrations/datadog", UriKind.Relative),
            ForgeHost.Json("""{"api_key": "ddkey0123456789", "datadog_site": "datadoghq.eu", "datadog_service": "acme-wide"}"""))).StatusCode.Should().Be(HttpStatusCode.OK);

        var own = await _forge.Admin.PutAsync(new Uri("api/v4/projects/1/integrations/datadog", UriKind.Relative),
            ForgeHost.Json("""{"inherit_api_key": true, "inherit_datadog_site": true, "inherit_api_url": true, "datadog_service": "billing"}"""));

        own.StatusCode.Should().Be(HttpStatusCode.OK, await own.Content.ReadAsStringAsync());
        var body = await ForgeHost.ReadJsonAsync(own);
        body["properties"]!["datadog_service"]!.GetValue<string>().Should().Be("billing");
        body["properties"]!["datadog_site"]!.GetValue<string>().Should().Be("datadoghq.eu");
        body["inherited_fields"]!.AsArray().Select(f => f!.GetValue<string>()).Should().BeEquivalentTo(["api_key", "datadog_site", "api_url"]);
    }
}
