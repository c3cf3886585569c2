using System.Net;
using System.Text.Json.Nodes;
using Integrations.TestSupport;

namespace Integrations.Samples.Tests.Web;

/// <summary>Every kind of change the forge knows reaches a hook subscribed to everything, as GitLab's payloads.</summary>
public sealed class ForgeEventsTests
{
    private static async Task<JsonNode> SendAsync(ForgeHost forge, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, new Uri("api/v4/projects/1/" + path, UriKind.Relative)) { Content = json is null ? null : ForgeHost.Json(json) };
        var response = await forge.Developer.SendAsync(request);
        response.StatusCode.Should().BeOneOf([HttpStatusCode.OK, HttpStatusCode.Created], $"{method} {path}: {await response.Content.ReadAsStringAsync()}");
        return await ForgeHost.ReadJsonAsync(response);
    }

    [Test]
    public async Task Pushes_tags_pipelines_jobs_deployments_alerts_wiki_pages_releases_and_merge_requests_all_raise_their_events()
    {
        await using var forge = await ForgeHost.StartAsync(DatabaseKind.Sqlite);
        var all = string.Join(", ", new[]
        {
            "push_events", "tag_push_events", "merge_requests_events", "pipeline_events", "job_events", "deployment_events", "alert_events",
            "wiki_page_events", "releases_events", "issues_events", "note_events",
        }.Select(f => $"\"{f}\": true"));
        (await forge.Admin.PostAsync(new Uri("api/v4/projects/1/hooks", UriKind.Relative), ForgeHost.Json($$"""{"url": "{{forge.ReceiverUrl("all")}}", {{all}}}""")))
            .StatusCode.Should().Be(HttpStatusCode.Created);

        await SendAsync(forge, HttpMethod.Post, "repository/commits", """{"branch": "main", "commit_message": "Fix rounding\n\nDetails."}""");
        await SendAsync(forge, HttpMethod.Post, "repository/commits", """{"branch": "feature/x", "commit_message": "Try something"}""");
        await SendAsync(forge, HttpMethod.Post, "repository/tags", """{"tag_name": "v1.0", "ref": "main"}""");
        var pipeline = await SendAsync(forge, HttpMethod.Post, "pipeline", """{"ref": "main"}""");
        await SendAsync(forge, HttpMethod.Post, $"pipelines/{pipeline["id"]}/finish", """{"status": "failed"}""");
        var deployment = await SendAsync(forge, HttpMethod.Post, "deployments", """{"environment": "production", "sha": "aaaaaaaa11111111", "ref": "main", "tag": false}""");
        await SendAsync(forge, HttpMethod.Put, $"deployments/{deployment["id"]}", """{"status": "success"}""");
        var alert = await SendAsync(forge, HttpMethod.Post, "alerts", """{"title": "Error rate above 5 %", "severity": "high"}""");
        await SendAsync(forge, HttpMethod.Put, $"alerts/{alert["iid"]}", """{"status": "resolved"}""");
        await SendAsync(forge, HttpMethod.Post, "wikis", """{"title": "Runbook", "content": "Restart the worker."}""");
        await SendAsync(forge, HttpMethod.Post, "releases", """{"tag_name": "v1.0", "name": "First", "description": "Rounding fixed"}""");
        await SendAsync(forge, HttpMethod.Post, "merge_requests", """{"source_branch": "feature/x", "target_branch": "main", "title": "Try something"}""");
        await SendAsync(forge, HttpMethod.Post, "issues/1/notes", """{"body": "Reproduced."}""");

        var received = await forge.WaitForReceivedAsync(15);
        var byEvent = received.GroupBy(r => r!["headers"]!.AsObject().First(h => h.Key == "X-Gitlab-Event").Value!.GetValue<string>())
            .ToDictionary(g => g.Key, g => g.Select(r => JsonNode.Parse(r!["body"]!.GetValue<string>())!).ToList());

        byEvent.Keys.Should().BeEquivalentTo(["Push Hook", "Tag Push Hook", "Pipeline Hook", "Job Hook", "Deployment Hook", "Alert Hook", "Wiki Page Hook",
            "Release Hook", "Merge Request Hook", "Note Hook"]);
        byEvent["Push Hook"].Select(p => (p["ref"]!.GetValue<string>(), p["ref_protected"]!.GetValue<bool>()))
            .Should().BeEquivalentTo([("refs/heads/main", true), ("refs/heads/feature/x", false)]);
        byEvent["Tag Push Hook"].Single()["ref"]!.GetValue<string>().Should().Be("refs/tags/v1.0");
        byEvent["Pipeline Hook"].Select(p => p["object_attributes"]!["status"]!.GetValue<string>()).Should().BeEquivalentTo(["running", "failed"]);
        byEvent["Job Hook"].Select(p => (p["build_name"]!.GetValue<string>(), p["build_status"]!.GetValue<string>()))
            .Should().BeEquivalentTo([("build", "success"), ("test", "failed")]);
        byEvent["Deployment Hook"].Select(p => p["status"]!.GetValue<string>()).Should().BeEquivalentTo(["running", "success"]);
        byEvent["Alert Hook"].Select(p => p["object_attributes"]!["status"]!.GetValue<string>()).Should().BeEquivalentTo(["triggered", "resolved"]);
        byEvent["Wiki Page Hook"].Single()["object_attributes"]!["slug"]!.GetValue<string>().Should().Be("runbook");
        byEvent["Release Hook"].Single()["tag"]!.GetValue<string>().Should().Be("v1.0");
        byEvent["Note Hook"].Single()["object_attributes"]!["note"]!.GetValue<string>().Should().Be("Reproduced.");
    }

    [Test]
    public async Task Merge_requests_pipelines_and_deployments_can_be_listed_and_read()
    {
        await using var forge = await ForgeHost.StartAsync(DatabaseKind.Sqlite);
        var pipeline = await SendAsync(forge, HttpMethod.Post, "pipeline", """{"ref": "main"}""");
        await SendAsync(forge, HttpMethod.Post, "deployments", """{"environment": "staging", "sha": "aaaaaaaa11111111", "ref": "main", "tag": false}""");

        (await SendAsync(forge, HttpMethod.Get, "merge_requests")).AsArray().Should().ContainSingle("the demo project has one merge request");
        (await SendAsync(forge, HttpMethod.Get, "merge_requests/1"))["title"]!.GetValue<string>().Should().Be("Round half to even");
        (await SendAsync(forge, HttpMethod.Get, "pipelines")).AsArray().Should().ContainSingle();
        (await SendAsync(forge, HttpMethod.Get, $"pipelines/{pipeline["id"]}"))["status"]!.GetValue<string>().Should().Be("running");
        (await SendAsync(forge, HttpMethod.Get, "deployments")).AsArray().Single()!["environment"]!["name"]!.GetValue<string>().Should().Be("staging");
        (await forge.Developer.GetAsync(new Uri("api/v4/projects/1/merge_requests/99", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Slack_set_up_through_the_API_announces_failed_pipelines_of_protected_branches_as_the_forge_says_them()
    {
        await using var forge = await ForgeHost.StartAsync(DatabaseKind.Sqlite);
        var slack = await forge.Admin.PutAsync(new Uri("api/v4/projects/1/integrations/slack", UriKind.Relative), ForgeHost.Json($$"""
            {"webhook": "{{forge.ReceiverUrl("slack")}}", "branches_to_be_notified": "protected", "push_events": false, "issues_events": false,
             "merge_requests_events": false, "note_events": false, "tag_push_events": false, "wiki_page_events": false, "pipeline_events": true}
            """));
        slack.StatusCode.Should().Be(HttpStatusCode.OK, await slack.Content.ReadAsStringAsync());

        await SendAsync(forge, HttpMethod.Post, "repository/commits", """{"branch": "feature/x", "commit_message": "Try"}""");
        await SendAsync(forge, HttpMethod.Post, "repository/commits", """{"branch": "release/2", "commit_message": "Ship"}""");
        foreach (var branch in new[] { "feature/x", "release/2" })
        {
            var pipeline = await SendAsync(forge, HttpMethod.Post, "pipeline", $$"""{"ref": "{{branch}}"}""");
            await SendAsync(forge, HttpMethod.Post, $"pipelines/{pipeline["id"]}/finish", """{"status": "failed"}""");
        }

        await forge.WaitUntilRecordedAsync("1", 4);
        var posted = await forge.WaitForReceivedAsync(1);
        posted.Should().ContainSingle("release/* is protected in billing-api, feature/x is not (the forge's IProjectBranches says so; pipeline events carry no protection flag)");
        JsonNode.Parse(posted[0]!["body"]!.GetValue<string>())!["text"]!.GetValue<string>().Should().Contain("of branch release/2").And.Contain("has failed");
    }
}
