using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Integrations.TestSupport;

namespace Integrations.Samples.Tests.Web;

/// <summary>GitLab's project hooks API over real HTTP: shapes, status codes, pagination and write-only secrets.</summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public sealed class HooksApiTests(DatabaseKind kind)
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

    private async Task<JsonNode> CreateHookAsync(string json, string project = "1")
    {
        var response = await _forge.Admin.PostAsync(new Uri($"api/v4/projects/{project}/hooks", UriKind.Relative), ForgeHost.Json(json));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await ForgeHost.ReadJsonAsync(response);
    }

    [Test]
    public async Task A_hook_is_created_read_edited_and_deleted_in_GitLab_shapes_and_secrets_are_never_returned()
    {
        var created = await CreateHookAsync($$"""
            {"url": "{{_forge.ReceiverUrl("a")}}", "name": "Deploy bot", "token": "tok-5f2c9a", "issues_events": true, "push_events": false,
             "custom_headers": [{"key": "X-Auth", "value": "hdr-7d1e4b"}], "push_events_branch_filter": "main", "branch_filter_strategy": "wildcard"}
            """);
        var id = created["id"]!.GetValue<long>();

        created["project_id"]!.GetValue<long>().Should().Be(1);
        created["name"]!.GetValue<string>().Should().Be("Deploy bot");
        created["issues_events"]!.GetValue<bool>().Should().BeTrue();
        created["push_events"]!.GetValue<bool>().Should().BeFalse();
        created["alert_status"]!.GetValue<string>().Should().Be("executable");
        created["custom_headers"]!.ToJsonString().Should().Be("""[{"key":"X-Auth"}]""");
        created["branch_filter_strategy"]!.GetValue<string>().Should().Be("wildcard");

        var edited = await _forge.Admin.PutAsync(new Uri($"api/v4/projects/1/hooks/{id}", UriKind.Relative),
            ForgeHost.Json($$"""{"url": "{{_forge.ReceiverUrl("a")}}", "note_events": true}"""));
        edited.StatusCode.Should().Be(HttpStatusCode.OK);
        var got = await ForgeHost.ReadJsonAsync(await _forge.Admin.GetAsync(new Uri($"api/v4/projects/1/hooks/{id}", UriKind.Relative)));
        got["note_events"]!.GetValue<bool>().Should().BeTrue();
        got["token_present"]!.GetValue<bool>().Should().BeTrue("the URL did not change, so the token is kept");

        var everything = created.ToJsonString() + got.ToJsonString() + await edited.Content.ReadAsStringAsync();
        everything.Should().NotContain("tok-5f2c9a").And.NotContain("hdr-7d1e4b");

        (await _forge.Admin.DeleteAsync(new Uri($"api/v4/projects/1/hooks/{id}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        var gone = await _forge.Admin.GetAsync(new Uri($"api/v4/projects/1/hooks/{id}", UriKind.Relative));
        gone.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ForgeHost.ReadJsonAsync(gone))["message"]!.GetValue<string>().Should().Be("404 Project Hook Not Found");
    }

    [Test]
    public async Task Lists_are_paginated_with_GitLab_headers()
    {
        for (var i = 0; i < 3; i++)
        {
            await CreateHookAsync($$"""{"url": "{{_forge.ReceiverUrl("p" + i)}}"}""");
        }

        var page = await _forge.Admin.GetAsync(new Uri("api/v4/projects/1/hooks?per_page=2", UriKind.Relative));

        (await ForgeHost.ReadJsonAsync(page)).AsArray().Should().HaveCount(2);
        page.Headers.GetValues("X-Total").Single().Should().Be("3");
        page.Headers.GetValues("X-Total-Pages").Single().Should().Be("2");
        page.Headers.GetValues("X-Next-Page").Single().Should().Be("2");
        page.Headers.GetValues("X-Page").Single().Should().Be("1");
        page.Headers.GetValues("X-Per-Page").Single().Should().Be("2");
        page.Headers.GetValues("Link").Single().Should().Contain("rel=\"next\"").And.Contain("page=2&per_page=2");
    }

    [Test]
    public async Task Bad_input_gets_GitLab_statuses_and_stores_nothing()
    {
        var missing = await _forge.Admin.PostAsync(new Uri("api/v4/projects/1/hooks", UriKind.Relative), ForgeHost.Json("""{"name": "no url"}"""));
        var local = await _forge.Admin.PostAsync(new Uri("api/v4/projects/1/hooks", UriKind.Relative), ForgeHost.Json("""{"url": "http://10.0.0.5/hook"}"""));
        var malformed = await _forge.Admin.PostAsync(new Uri("api/v4/projects/1/hooks", UriKind.Relative), ForgeHost.Json("""{"url": """));
        var badHeader = await _forge.Admin.PostAsync(new Uri("api/v4/projects/1/hooks", UriKind.Relative),
            ForgeHost.Json($$"""{"url": "{{_forge.ReceiverUrl("x")}}", "custom_headers": [{"key": "Bad Name", "value": "v"}]}"""));
        var huge = await _forge.Admin.PostAsync(new Uri("api/v4/projects/1/hooks", UriKind.Relative),
            ForgeHost.Json($$"""{"url": "{{_forge.ReceiverUrl("x")}}", "description": "{{new string('x', 1_100_000)}}"}"""));
        var unknownProject = await _forge.Admin.GetAsync(new Uri("api/v4/projects/999/hooks", UriKind.Relative));
        var unknownHook = await _forge.Admin.GetAsync(new Uri("api/v4/projects/1/hooks/999", UriKind.Relative));

        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ForgeHost.ReadJsonAsync(missing))["error"]!.GetValue<string>().Should().Be("url is missing");
        local.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var localBody = await ForgeHost.ReadJsonAsync(local);
        localBody["message"]!.GetValue<string>().Should().Be("Invalid url given");
        localBody["errors"]!["url"]!.ToJsonString().Should().Contain("10.0.0.5");
        malformed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        badHeader.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ForgeHost.ReadJsonAsync(badHeader))["message"]!["custom_headers"]!.ToJsonString().Should().Contain("Bad Name");
        huge.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ForgeHost.ReadJsonAsync(huge))["error"]!.GetValue<string>().Should().Contain("larger than");
        unknownProject.StatusCode.Should().Be(HttpStatusCode.NotFound);
        unknownHook.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ForgeHost.ReadJsonAsync(await _forge.Admin.GetAsync(new Uri("api/v4/projects/1/hooks", UriKind.Relative)))).AsArray().Should().BeEmpty();
    }

    [Test]
    public async Task Custom_headers_and_URL_variables_have_their_own_routes()
    {
        var hook = await CreateHookAsync($$"""{"url": "{{_forge.ReceiverUrl("v/{path_key}")}}", "url_variables": [{"key": "path_key", "value": "pk-31337"}]}""");
        var id = hook["id"]!.GetValue<long>();

        var setHeader = await _forge.Admin.PutAsync(new Uri($"api/v4/projects/1/hooks/{id}/custom_headers/X-Team", UriKind.Relative), ForgeHost.Json("""{"value": "platform"}"""));
        var setVariable = await _forge.Admin.PutAsync(new Uri($"api/v4/projects/1/hooks/{id}/url_variables/other", UriKind.Relative), ForgeHost.Json("""{"value": "x-1"}"""));
        var got = await ForgeHost.ReadJsonAsync(await _forge.Admin.GetAsync(new Uri($"api/v4/projects/1/hooks/{id}", UriKind.Relative)));
        var deleteHeader = await _forge.Admin.DeleteAsync(new Uri($"api/v4/projects/1/hooks/{id}/custom_headers/X-Team", UriKind.Relative));
        var deleteMissing = await _forge.Admin.DeleteAsync(new Uri($"api/v4/projects/1/hooks/{id}/custom_headers/X-Team", UriKind.Relative));

        setHeader.StatusCode.Should().Be(HttpStatusCode.NoContent);
        setVariable.StatusCode.Should().Be(HttpStatusCode.NoContent);
        got["custom_headers"]!.ToJsonString().Should().Be("""[{"key":"X-Team"}]""");
        got["url_variables"]!.AsArray().Select(v => v!["key"]!.GetValue<string>()).Should().BeEquivalentTo(["path_key", "other"]);
        got.ToJsonString().Should().NotContain("pk-31337").And.NotContain("platform");
        deleteHeader.StatusCode.Should().Be(HttpStatusCode.NoContent);
        deleteMissing.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Group_hooks_and_system_hooks_live_under_their_own_routes()
    {
        var group = await _forge.Admin.PostAsync(new Uri("api/v4/groups/acme/hooks", UriKind.Relative), ForgeHost.Json($$"""{"url": "{{_forge.ReceiverUrl("g")}}"}"""));
        var system = await _forge.Admin.PostAsync(new Uri("api/v4/hooks", UriKind.Relative), ForgeHost.Json($$"""{"url": "{{_forge.ReceiverUrl("s")}}"}"""));

        group.StatusCode.Should().Be(HttpStatusCode.Created);
        (await ForgeHost.ReadJsonAsync(group))["group_id"]!.GetValue<long>().Should().Be(1);
        system.StatusCode.Should().Be(HttpStatusCode.Created);
        (await ForgeHost.ReadJsonAsync(await _forge.Admin.GetAsync(new Uri("api/v4/groups/1/hooks", UriKind.Relative)))).AsArray().Should().ContainSingle();
        (await ForgeHost.ReadJsonAsync(await _forge.Admin.GetAsync(new Uri("api/v4/hooks", UriKind.Relative)))).AsArray().Should().ContainSingle();
        (await ForgeHost.ReadJsonAsync(await _forge.Admin.GetAsync(new Uri("api/v4/projects/1/hooks", UriKind.Relative)))).AsArray()
            .Should().BeEmpty("a project's hooks list shows its own hooks; group and system hooks fire for it without being listed there");
    }

    [Test]
    public async Task Secrets_written_through_the_API_appear_in_no_response_and_no_log_line()
    {
        var hook = await CreateHookAsync($$"""
            {"url": "{{_forge.ReceiverUrl("s/{path_key}")}}", "token": "tok-9a8b7c", "issues_events": true,
             "url_variables": [{"key": "path_key", "value": "var-6d5e4f"}], "custom_headers": [{"key": "X-Auth", "value": "hdr-3c2b1a"}]}
            """);
        var rotate = await _forge.Admin.PostAsync(new Uri($"api/v4/projects/1/hooks/{hook["id"]}/signing_token/rotate", UriKind.Relative), null);
        var signing = (await ForgeHost.ReadJsonAsync(rotate))["signing_token"]!.GetValue<string>();
        (await _forge.Admin.PutAsync(new Uri("api/v4/projects/1/integrations/datadog", UriKind.Relative), ForgeHost.Json("""{"api_key": "ddkey5544332211"}""")))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        (await _forge.Developer.PostAsync(new Uri("api/v4/projects/1/issues", UriKind.Relative), ForgeHost.Json("""{"title": "Leak check"}"""))).StatusCode.Should().Be(HttpStatusCode.Created);
        await _forge.WaitForReceivedAsync(1);

        var responses = new StringBuilder();
        foreach (var path in new[] { "api/v4/projects/1/hooks", $"api/v4/projects/1/hooks/{hook["id"]}", $"api/v4/projects/1/hooks/{hook["id"]}/events",
                     "api/v4/projects/1/integrations", "api/v4/projects/1/integrations/datadog" })
        {
            responses.Append(await _forge.Admin.GetStringAsync(new Uri(path, UriKind.Relative)));
        }

        var logs = string.Join('\n', _forge.Logs.GetSnapshot().Select(r => r.Message + " " + r.Exception));
        foreach (var secret in new[] { "tok-9a8b7c", "var-6d5e4f", "hdr-3c2b1a", "ddkey5544332211", signing })
        {
            responses.ToString().Should().NotContain(secret);
            logs.Should().NotContain(secret);
        }

        _forge.Logs.GetSnapshot().Should().NotBeEmpty("the forge does log; the check above is not vacuous");
    }
}
