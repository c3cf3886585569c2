using Integrations.Providers.Jira;
using Integrations.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Providers.Tests.Jira;

/// <summary>Searching and reading a project's Jira issues for the host's pages, on Cloud (search/jql with tokens) and Data Center (startAt).</summary>
[TestFixture(DatabaseKind.Sqlite)]
public sealed class JiraIssueSearchTests(DatabaseKind kind) : ProviderTests(kind)
{
    private FakeJira _jira = null!;

    [SetUp]
    public void UseFakeJira()
    {
        _jira = new FakeJira();
        for (var i = 3; i <= 7; i++)
        {
            _jira.Issues[$"ABC-{i}"] = new FakeJira.Issue { Summary = i % 2 == 0 ? $"Refund bug {i}" : $"Invoice task {i}" };
        }

        _jira.Issues["ABC-1"].Summary = "Refunds fail on Sundays";
        _jira.Issues["OPS-1"] = new FakeJira.Issue { Summary = "Refund in another project" };
        Receiver.Respond = _jira.Respond;
    }

    private JiraIntegration Settings(JiraAuthentication authentication = JiraAuthentication.CloudApiToken) => new()
    {
        Scope = IntegrationScope.Project("app"),
        WebUrl = Receiver.BaseAddress.ToString(),
        Authentication = authentication,
        Username = authentication == JiraAuthentication.DataCenterToken ? null : FakeJira.Email,
        Password = authentication == JiraAuthentication.DataCenterToken ? FakeJira.PersonalAccessToken : FakeJira.ApiToken,
    };

    private JiraIssueSearch Search => Host.Services.GetRequiredService<JiraIssueSearch>();

    [TestCase(JiraAuthentication.CloudApiToken, "/rest/api/3/search/jql")]
    [TestCase(JiraAuthentication.DataCenterToken, "/rest/api/2/search")]
    public async Task A_project_is_read_page_by_page_and_searched_by_text(JiraAuthentication authentication, string endpoint)
    {
        var settings = Settings(authentication);

        var first = await Search.SearchAsync(settings, "ABC", pageSize: 4);
        var second = await Search.SearchAsync(settings, "ABC", nextPageToken: first.NextPageToken, pageSize: 4);
        var refunds = await Search.SearchAsync(settings, "ABC", text: "refund");

        first.Issues.Select(i => i.Key).Should().Equal("ABC-1", "ABC-2", "ABC-3", "ABC-4");
        first.NextPageToken.Should().NotBeNull();
        second.Issues.Select(i => i.Key).Should().Equal("ABC-5", "ABC-6", "ABC-7");
        second.NextPageToken.Should().BeNull("the last page says so");
        refunds.Issues.Select(i => i.Key).Should().Equal("ABC-1", "ABC-4", "ABC-6");
        refunds.Issues[0].Url.Should().Be(new Uri(Receiver.BaseAddress, "browse/ABC-1"));
        _jira.Calls.Should().Contain(c => c == "POST " + endpoint);
    }

    [Test]
    public async Task One_issue_is_read_with_its_description_and_comments_as_text()
    {
        await SaveAsync(new JiraIntegration
        {
            Scope = IntegrationScope.Project("app"), Active = true, WebUrl = Receiver.BaseAddress.ToString(), Username = FakeJira.Email, Password = FakeJira.ApiToken,
        });
        await DeliverAsync("app", JiraEvents.PushTo("main", "Refs ABC-1"));

        var issue = await Search.GetIssueAsync(Settings(), "ABC-1");
        var missing = await Search.GetIssueAsync(Settings(), "ABC-99");

        issue!.Issue.Summary.Should().Be("Refunds fail on Sundays");
        issue.Description.Should().Be("Seen on EUR invoices.");
        issue.Comments.Should().ContainSingle().Which.Body.Should().StartWith("Ada Lovelace (ada) mentioned this issue in a commit of platform/billing-api");
        missing.Should().BeNull();
    }

    [Test]
    public async Task Failures_throw_with_Jiras_meaning_and_bad_project_keys_are_refused_before_calling()
    {
        _jira.Failure = (401, null);

        var denied = () => Search.SearchAsync(Settings(), "ABC");
        var badKey = () => Search.SearchAsync(Settings(), "abc\" OR 1=1");

        (await denied.Should().ThrowAsync<JiraException>()).Which.Message.Should().Contain("expired");
        await badKey.Should().ThrowAsync<ArgumentException>();
    }
}
