using System.Text.Json.Nodes;
using Integrations.Events.Payloads;

namespace Integrations.Events;

/// <summary>
/// Realistic events with every field filled, as a host would build them from its own data: what "Test settings" sends,
/// and a starting point for tests of your own integrations. They serialize to the same GitLab webhook JSON as real
/// events (the golden shape tests check these very samples).
/// </summary>
public static class SampleEvents
{
    /// <summary>A sample of the given event kind, happening at <see cref="At"/>.</summary>
    /// <param name="kind">One event kind (not a combination).</param>
    /// <exception cref="ArgumentOutOfRangeException">The kind is not a single known event.</exception>
    public static IntegrationEvent For(IntegrationEvents kind) => kind switch
    {
        IntegrationEvents.Push => Push(),
        IntegrationEvents.TagPush => TagPush(),
        IntegrationEvents.Issue => Issue(),
        IntegrationEvents.ConfidentialIssue => Issue(confidential: true),
        IntegrationEvents.MergeRequest => MergeRequest(),
        IntegrationEvents.Note => NoteOnIssue(),
        IntegrationEvents.ConfidentialNote => NoteOnIssue(confidential: true),
        IntegrationEvents.Pipeline => Pipeline(),
        IntegrationEvents.Job => Job(),
        IntegrationEvents.Deployment => Deployment(),
        IntegrationEvents.Alert => Alert(),
        IntegrationEvents.WikiPage => WikiPage(),
        IntegrationEvents.Release => Release(),
        IntegrationEvents.Vulnerability => Vulnerability(),
        IntegrationEvents.FeatureFlag => FeatureFlag(),
        IntegrationEvents.Emoji => Emoji(),
        IntegrationEvents.Milestone => Milestone(),
        IntegrationEvents.Member => Member(),
        IntegrationEvents.Project => ProjectCreated(),
        IntegrationEvents.Subgroup => Subgroup(),
        IntegrationEvents.ResourceAccessToken => ExpiringAccessToken(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Samples exist for single event kinds only."),
    };

    /// <summary>When every sample happens.</summary>
    public static readonly DateTimeOffset At = new(2026, 10, 5, 9, 30, 0, TimeSpan.Zero);

    /// <summary>The user who acts (Ada Lovelace).</summary>
    public static GitLabUser User => new() { Id = 7, Name = "Ada Lovelace", Username = "ada", AvatarUrl = "https://forge.example.test/ada.png", Email = "ada@example.test" };

    /// <summary>An assignee and reviewer (Grace Hopper).</summary>
    public static GitLabUser Assignee => new() { Id = 8, Name = "Grace Hopper", Username = "grace", AvatarUrl = "https://forge.example.test/grace.png", Email = "[REDACTED]" };

    /// <summary>The project every sample happens in (id 42, platform/billing-api).</summary>
    public static GitLabProject Project => new()
    {
        Id = 42,
        Name = "Billing API",
        Description = "Invoices and payments",
        WebUrl = "https://forge.example.test/platform/billing-api",
        GitSshUrl = "git@forge.example.test:platform/billing-api.git",
        GitHttpUrl = "https://forge.example.test/platform/billing-api.git",
        Namespace = "Platform",
        VisibilityLevel = 10,
        PathWithNamespace = "platform/billing-api",
        DefaultBranch = "main",
        CiConfigPath = ".gitlab-ci.yml",
        Homepage = "https://forge.example.test/platform/billing-api",
        Url = "git@forge.example.test:platform/billing-api.git",
        SshUrl = "git@forge.example.test:platform/billing-api.git",
        HttpUrl = "https://forge.example.test/platform/billing-api.git",
    };

    /// <summary>A project label.</summary>
    /// <param name="id">Its id.</param>
    /// <param name="title">Its title.</param>
    public static GitLabLabel Label(long id, string title) => new()
    {
        Id = id, Title = title, Color = "#d9534f", ProjectId = 42, CreatedAt = At, UpdatedAt = At, Template = false,
        Description = title + " work", Type = "ProjectLabel", GroupId = 3,
    };

    /// <summary>A commit.</summary>
    /// <param name="sha">The commit id.</param>
    /// <param name="message">The title line.</param>
    /// <param name="withFiles">Whether it lists changed files.</param>
    public static GitLabCommit Commit(string sha, string message, bool withFiles = false) => new()
    {
        Id = sha,
        Message = message + "\n\nDetails.",
        Title = message,
        Timestamp = At,
        Url = "https://forge.example.test/platform/billing-api/-/commit/" + sha,
        Author = new GitLabCommitAuthor("Ada Lovelace", "ada@example.test"),
        Added = withFiles ? ["docs/invoices.md"] : null,
        Modified = withFiles ? ["src/Invoice.cs"] : null,
        Removed = withFiles ? [] : null,
    };

    /// <summary>A push of commits to the default branch.</summary>
    /// <param name="commits">How many commits.</param>
    public static PushEvent Push(int commits = 2) => PushEvent.Create(
        User, Project, "95790bf891e76fee5e1747ab589903a6a1f80f22", "da1560886d4f094c3e6c9ef40349f7d38b5d27d7", "refs/heads/main",
        Enumerable.Range(1, commits).Select(i => Commit($"{i:x40}", $"Change {i}", withFiles: true)).ToArray(), refProtected: true);

    /// <summary>A new tag.</summary>
    public static PushEvent TagPush() => PushEvent.Create(User, Project, PushEvent.BlankSha, "82b3d5ae55f7080f1e6022629cdb57bfae7cccc7", "refs/tags/v2.0.0", []);

    /// <summary>An issue update (confidential or not).</summary>
    /// <param name="confidential">Whether it is confidential.</param>
    public static IssueEvent Issue(bool confidential = false) => new()
    {
        User = User,
        Project = Project with { CiConfigPath = null },
        Assignees = [Assignee],
        ObjectAttributes = new IssueAttributes
        {
            Id = 301, Iid = 23, Title = "Invoices round to the wrong cent", Description = "Seen on EUR invoices.", AssigneeIds = [8],
            AuthorId = 7, ProjectId = 42, CreatedAt = At, UpdatedAt = At, UpdatedById = 7, RelativePosition = 0, Confidential = confidential,
            DiscussionLocked = false, HealthStatus = "at_risk", Url = "https://forge.example.test/platform/billing-api/-/issues/23",
            Severity = "high", EscalationStatus = "triggered", EscalationPolicy = new EscalationPolicy(18, "Billing on-call"), Labels = [Label(206, "bug")],
        },
        Changes = new Dictionary<string, ValueChange>
        {
            ["updated_by_id"] = ValueChange.Of<long?>(null, 7),
            ["updated_at"] = ValueChange.Of(At.AddMinutes(-5), At),
            ["labels"] = ValueChange.Labels([Label(205, "triage")], [Label(206, "bug")]),
        },
    };

    /// <summary>A merge request update.</summary>
    public static MergeRequestEvent MergeRequest() => new()
    {
        User = User,
        Project = Project,
        Assignees = [Assignee],
        Reviewers = [Assignee],
        ObjectAttributes = new MergeRequestAttributes
        {
            Id = 99, Iid = 1, TargetBranch = "main", SourceBranch = "fix-rounding", SourceProjectId = 42, AuthorId = 7, AssigneeIds = [8], ReviewerIds = [8],
            Title = "Fix rounding", CreatedAt = At, UpdatedAt = At, LastEditedAt = At, LastEditedById = 7, FirstContribution = true, TargetProjectId = 42,
            Description = "Rounds half to even.", PreparedAt = At, TotalTimeSpent = 1800, TimeChange = 30, HumanTotalTimeSpent = "30m",
            HumanTimeChange = "30s", HumanTimeEstimate = "1h", Url = "https://forge.example.test/platform/billing-api/-/merge_requests/1",
            Source = Project, Target = Project, LastCommit = Commit("da1560886d4f094c3e6c9ef40349f7d38b5d27d7", "Round half to even"),
            Labels = [Label(206, "bug")], DetailedMergeStatus = "mergeable",
        },
        Changes = new Dictionary<string, ValueChange>
        {
            ["updated_by_id"] = ValueChange.Of<long?>(null, 7),
            ["draft"] = ValueChange.Of(true, false),
            ["updated_at"] = ValueChange.Of(At.AddMinutes(-5), At),
            ["labels"] = ValueChange.Labels([Label(205, "triage")], [Label(206, "bug")]),
            ["last_edited_at"] = ValueChange.Of<DateTimeOffset?>(null, At),
            ["last_edited_by_id"] = ValueChange.Of<long?>(null, 7),
        },
    };

    /// <summary>A comment on an issue (confidential or not).</summary>
    /// <param name="confidential">Whether it is confidential.</param>
    public static NoteEvent NoteOnIssue(bool confidential = false) => new()
    {
        User = User,
        Project = Project,
        OnConfidentialIssue = confidential,
        ObjectAttributes = new NoteAttributes
        {
            Id = 1241, Note = "Reproduced on staging.", NoteableType = "Issue", AuthorId = 7, CreatedAt = At, UpdatedAt = At, ProjectId = 42,
            NoteableId = 301, Url = "https://forge.example.test/platform/billing-api/-/issues/23#note_1241",
        },
        Issue = new NoteIssue
        {
            Id = 301, Title = "Invoices round to the wrong cent", AuthorId = 7, ProjectId = 42, CreatedAt = At, UpdatedAt = At,
            Description = "Seen on EUR invoices.", Iid = 23, Labels = [Label(206, "bug")],
        },
    };

    /// <summary>A comment on a commit.</summary>
    public static NoteEvent NoteOnCommit() => new()
    {
        User = User,
        Project = Project,
        ObjectAttributes = new NoteAttributes
        {
            Id = 1243, Note = "Why this constant?", NoteableType = "Commit", AuthorId = 7, CreatedAt = At, UpdatedAt = At, ProjectId = 42,
            LineCode = "bec9703f_0_1", CommitId = "cfe32cf61b73a0d5e9f13e774abde7ff789b1660",
            StDiff = JsonNode.Parse("""{"diff":"@@ -1 +1 @@","new_path":"src/Invoice.cs","old_path":"src/Invoice.cs","a_mode":"100644","b_mode":"100644","new_file":false,"renamed_file":false,"deleted_file":false}"""),
            Url = "https://forge.example.test/platform/billing-api/-/commit/cfe32cf6#note_1243",
        },
        Commit = Commit("cfe32cf61b73a0d5e9f13e774abde7ff789b1660", "Add rounding constant") with { Title = null },
    };

    /// <summary>A failed pipeline of a merge request.</summary>
    public static PipelineEvent Pipeline() => new()
    {
        User = User,
        Project = Project,
        ObjectAttributes = new PipelineAttributes
        {
            Id = 31, Iid = 3, Name = "Pipeline for main", GitRef = "main", Tag = false, Sha = "bcbb5ec396a2c0f828686f14fac9b80b780504f2",
            BeforeSha = "bcbb5ec396a2c0f828686f14fac9b80b780504f2", Source = "merge_request_event", Status = "failed", Stages = ["build", "test"],
            CreatedAt = At, FinishedAt = At.AddMinutes(3), Duration = 180, Variables = [new PipelineVariable("REGION", "eu-west-1")],
            Url = "https://forge.example.test/platform/billing-api/-/pipelines/31",
        },
        MergeRequest = new PipelineMergeRequest
        {
            Id = 99, Iid = 1, Title = "Fix rounding", SourceBranch = "fix-rounding", SourceProjectId = 42, TargetBranch = "main", TargetProjectId = 42,
            MergeStatus = "can_be_merged", DetailedMergeStatus = "mergeable", Url = "https://forge.example.test/platform/billing-api/-/merge_requests/1",
        },
        Commit = Commit("bcbb5ec396a2c0f828686f14fac9b80b780504f2", "Round half to even") with { Title = null },
        SourcePipeline = new SourcePipeline(new SourcePipelineProject(41, "https://forge.example.test/platform/upstream", "platform/upstream"), 30, 3401),
        Builds =
        [
            new PipelineBuild
            {
                Id = 377, Stage = "test", Name = "unit", Status = "failed", CreatedAt = At, StartedAt = At, FinishedAt = At.AddMinutes(1),
                Duration = 17.5, QueuedDuration = 3.2, FailureReason = "script_failure", User = User,
                Runner = new GitLabRunner { Id = 380987, Description = "shared-1", RunnerType = "instance_type", IsShared = true, Tags = ["linux"] },
                Environment = new JobEnvironment("staging", "start", "staging"),
            },
        ],
    };

    /// <summary>A failed job.</summary>
    public static JobEvent Job() => new()
    {
        GitRef = "main", BeforeSha = "2293ada6b400935a1378653304eaf6221e0fdb8f", Sha = "2293ada6b400935a1378653304eaf6221e0fdb8f",
        BuildId = 1977, BuildName = "unit", BuildStage = "test", BuildStatus = "failed", BuildCreatedAt = At, BuildQueuedDuration = 1095.5,
        BuildFailureReason = "script_failure", RetriesCount = 2, PipelineId = 2366, User = User, Project = Project,
        Commit = new JobCommit { Id = 2366, Name = "Build pipeline", Sha = "2293ada6b400935a1378653304eaf6221e0fdb8f", Message = "test", AuthorName = "Ada Lovelace", AuthorEmail = "ada@example.test" },
        Runner = new GitLabRunner { Id = 380987, Description = "project runner", RunnerType = "project_type", Tags = ["linux", "docker"] },
        SourcePipeline = new SourcePipeline(new SourcePipelineProject(41, "https://forge.example.test/platform/upstream", "platform/upstream"), 30, 3401),
    };

    /// <summary>A successful deployment to staging.</summary>
    public static DeploymentEvent Deployment() => new()
    {
        Status = "success", StatusChangedAt = At, DeploymentId = 15, DeployableId = 796, DeployableUrl = "https://forge.example.test/platform/billing-api/-/jobs/796",
        Environment = "staging", EnvironmentTier = "staging", EnvironmentSlug = "staging", EnvironmentExternalUrl = "https://staging.example.test",
        Project = Project, ShortSha = "279484c0", User = User, UserUrl = "https://forge.example.test/ada",
        CommitUrl = "https://forge.example.test/platform/billing-api/-/commit/279484c0", CommitTitle = "Add new file", DeployedRef = "main",
    };

    /// <summary>A new wiki page.</summary>
    public static WikiPageEvent WikiPage() => new()
    {
        User = User,
        Project = Project,
        Wiki = new GitLabWiki("https://forge.example.test/platform/billing-api/-/wikis/home", "git@forge.example.test:platform/billing-api.wiki.git",
            "https://forge.example.test/platform/billing-api.wiki.git", "platform/billing-api.wiki", "main"),
        ObjectAttributes = new WikiPageAttributes
        {
            Title = "Runbook", Content = "Restart the worker.", Message = "Add runbook", Slug = "runbook", Url = "https://forge.example.test/platform/billing-api/-/wikis/runbook",
            DiffUrl = "https://forge.example.test/platform/billing-api/-/wikis/runbook/diff?version_id=3ad67c97", VersionId = "3ad67c972065298d226dd80b2b03e0fc2421e731",
        },
    };

    /// <summary>A release.</summary>
    public static ReleaseEvent Release() => new()
    {
        ReleaseId = 1, CreatedAt = At, Description = "Rounding fixed", Name = "v2.0", ReleasedAt = At, Tag = "v2.0",
        Project = Project with { CiConfigPath = null }, Url = "https://forge.example.test/platform/billing-api/-/releases/v2.0",
        Assets = new ReleaseAssets
        {
            Links = [new ReleaseLink(1, true, "other", "Changelog", "https://example.test/changelog")],
            Sources = [new ReleaseSource("zip", "https://forge.example.test/platform/billing-api/-/archive/v2.0/billing-api-v2.0.zip")],
        },
        Commit = Commit("ee0a3fb31ac16e11b9dbb596ad16d4af654d08f8", "Release v2.0"),
    };

    /// <summary>A confirmed vulnerability.</summary>
    public static VulnerabilityEvent Vulnerability() => new()
    {
        ObjectAttributes = new VulnerabilityAttributes
        {
            Url = "https://forge.example.test/platform/billing-api/-/security/vulnerabilities/1", Title = "REXML DoS", State = "confirmed", ProjectId = 42,
            Location = JsonNode.Parse("""{"file":"Gemfile.lock","dependency":{"package":{"name":"rexml"},"version":"3.3.1"}}"""),
            Cvss = [new CvssVector("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", "NVD")], Severity = "high",
            Identifiers = [new VulnerabilityIdentifier("CVE-2024-41123", "CVE-2024-41123", "cve", "https://cve.example.test/CVE-2024-41123")],
            Issues = [new VulnerabilityIssue("REXML ReDoS", "https://forge.example.test/platform/billing-api/-/issues/1", At, At)],
            ReportType = "dependency_scanning", ConfirmedAt = At, ConfirmedById = 7, CreatedAt = At, UpdatedAt = At,
        },
    };

    /// <summary>A triggered alert.</summary>
    public static AlertEvent Alert() => new()
    {
        ObjectAttributes = new AlertAttributes
        {
            Title = "Error rate above 5 %", Url = "https://forge.example.test/platform/billing-api/-/alert_management/7/details",
            Severity = "high", Events = 3, Status = "triggered", StartedAt = At,
        },
    };

    /// <summary>A feature flag turned on.</summary>
    public static FeatureFlagEvent FeatureFlag() => new()
    {
        Project = Project, User = User, UserUrl = "https://forge.example.test/ada",
        ObjectAttributes = new FeatureFlagAttributes(6, "new-invoice-rounding", "Rounds half to even", Active: true),
    };

    /// <summary>A thumbs-up on an issue.</summary>
    public static EmojiEvent Emoji() => new()
    {
        User = User,
        Project = Project,
        ObjectAttributes = new EmojiAttributes
        {
            UserId = 7, CreatedAt = At, Id = 1, Name = "thumbsup", AwardableType = "Issue", AwardableId = 301, UpdatedAt = At, Action = "award",
            AwardedOnUrl = "https://forge.example.test/platform/billing-api/-/issues/23",
        },
        Issue = Issue().ObjectAttributes,
    };

    /// <summary>A milestone created.</summary>
    public static MilestoneEvent Milestone() => new()
    {
        Project = Project with { CiConfigPath = null },
        ObjectAttributes = new MilestoneAttributes
        {
            Id = 61, Iid = 10, Title = "v2.0", Description = "Rounding fixed everywhere", State = "active", CreatedAt = At, UpdatedAt = At,
            DueDate = "2026-10-30", StartDate = "2026-10-05", GroupId = null, ProjectId = 42,
        },
        Action = "create",
    };

    /// <summary>A member added to a group.</summary>
    public static MemberEvent Member() => new()
    {
        CreatedAt = At, UpdatedAt = At, GroupName = "Platform", GroupPath = "platform", GroupId = 3, UserUsername = "grace", UserName = "Grace Hopper",
        UserEmail = "[REDACTED]", UserId = 8, GroupAccess = "Developer", GroupPlan = null, ExpiresAt = At.AddDays(90), EventName = "user_add_to_group",
    };

    /// <summary>A project created in a group.</summary>
    public static ProjectEvent ProjectCreated() => new()
    {
        EventName = "project_create", CreatedAt = At, UpdatedAt = At, Name = "Billing API", Path = "billing-api", PathWithNamespace = "platform/billing-api",
        ProjectId = 42, ProjectNamespaceId = 52, Owners = [new ProjectOwner("Ada Lovelace", "ada@example.test")], ProjectVisibility = "internal",
    };

    /// <summary>A subgroup created in a group.</summary>
    public static SubgroupEvent Subgroup() => new()
    {
        CreatedAt = At, UpdatedAt = At, EventName = "subgroup_create", Name = "Payments", Path = "payments", FullPath = "platform/payments",
        GroupId = 10, ParentGroupId = 3, ParentName = "Platform", ParentPath = "platform", ParentFullPath = "platform",
    };

    /// <summary>A project access token that expires in seven days.</summary>
    public static AccessTokenEvent ExpiringAccessToken() => new()
    {
        Project = Project with { CiConfigPath = null },
        ObjectAttributes = new AccessTokenAttributes(90, At, 25, "deploy-bot", At.AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
    };
}
