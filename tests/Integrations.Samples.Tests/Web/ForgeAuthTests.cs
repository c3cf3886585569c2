using System.Net;
using Integrations.TestSupport;

namespace Integrations.Samples.Tests.Web;

/// <summary>GitLab's token rules: PRIVATE-TOKEN or Bearer, 401 without, 403 for a non-admin on admin routes.</summary>
public sealed class ForgeAuthTests
{
    [Test]
    public async Task Requests_without_a_valid_token_get_401_and_a_non_admin_gets_403_on_admin_routes()
    {
        await using var forge = await ForgeHost.StartAsync(DatabaseKind.Sqlite);

        var anonymous = await forge.Anonymous.GetAsync(new Uri("api/v4/projects/1/hooks", UriKind.Relative));
        var wrong = await forge.Client("glpat-wrong").GetAsync(new Uri("api/v4/projects/1/hooks", UriKind.Relative));
        using var bearer = new HttpClient { BaseAddress = forge.Address };
        bearer.DefaultRequestHeaders.Authorization = new("Bearer", ForgeHost.DeveloperToken);
        var withBearer = await bearer.GetAsync(new Uri("api/v4/projects/1/hooks", UriKind.Relative));
        var systemHooksAsDeveloper = await forge.Developer.GetAsync(new Uri("api/v4/hooks", UriKind.Relative));
        var systemHooksAsAdmin = await forge.Admin.GetAsync(new Uri("api/v4/hooks", UriKind.Relative));

        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await ForgeHost.ReadJsonAsync(anonymous))["message"]!.GetValue<string>().Should().Be("401 Unauthorized");
        wrong.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        withBearer.StatusCode.Should().Be(HttpStatusCode.OK);
        systemHooksAsDeveloper.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ForgeHost.ReadJsonAsync(systemHooksAsDeveloper))["message"]!.GetValue<string>().Should().Be("403 Forbidden");
        systemHooksAsAdmin.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task The_OpenAPI_document_and_the_catalog_describe_the_API()
    {
        await using var forge = await ForgeHost.StartAsync(DatabaseKind.Sqlite);

        var openApi = await ForgeHost.ReadJsonAsync(await forge.Anonymous.GetAsync(new Uri("api/v4/openapi.json", UriKind.Relative)));
        var catalog = await ForgeHost.ReadJsonAsync(await forge.Developer.GetAsync(new Uri("api/v4/catalog/integrations", UriKind.Relative)));

        openApi["paths"]!.AsObject().Select(p => p.Key).Should().Contain(["/api/v4/projects/{id}/hooks", "/api/v4/projects/{id}/integrations/{slug}", "/api/v4/projects/{id}/issues"]);
        catalog.AsArray().Select(e => e!["slug"]!.GetValue<string>()).Should().Contain(["webhook", "jenkins", "datadog"]);
    }
}
