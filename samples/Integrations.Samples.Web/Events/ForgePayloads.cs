using System.Globalization;
using Integrations.Events.Payloads;
using Integrations.Samples.Web.Data;

namespace Integrations.Samples.Web.Events;

/// <summary>
/// Builds the library's typed GitLab payloads from the forge's own rows: what a host's event handlers do before they
/// dispatch. Links are absolute, under the forge's base URL.
/// </summary>
internal sealed class ForgePayloads(string baseUrl)
{
    private readonly string _baseUrl = baseUrl.TrimEnd('/');

    public GitLabUser User(ForgeUser user) => new()
    {
        Id = user.Id,
        Name = user.Name,
        Username = user.Username,
        AvatarUrl = $"{_baseUrl}/avatars/{user.Username}.png",
        Email = "[REDACTED]",
    };

    public GitLabProject Project(Project project, string fullPath, string groupName) => new()
    {
        Id = project.Id,
        Name = project.Name,
        Description = project.Description,
        WebUrl = $"{_baseUrl}/{fullPath}",
        GitSshUrl = $"git@forge.local:{fullPath}.git",
        GitHttpUrl = $"{_baseUrl}/{fullPath}.git",
        Namespace = groupName,
        VisibilityLevel = 10,
        PathWithNamespace = fullPath,
        DefaultBranch = project.DefaultBranch,
        Homepage = $"{_baseUrl}/{fullPath}",
        Url = $"git@forge.local:{fullPath}.git",
        SshUrl = $"git@forge.local:{fullPath}.git",
        HttpUrl = $"{_baseUrl}/{fullPath}.git",
    };

    public IssueEvent Issue(Issue issue, string action, ForgeUser user, GitLabProject project) => new()
    {
        User = User(user),
        Project = project,
        ObjectAttributes = new IssueAttributes
        {
            Id = issue.Id,
            Iid = issue.Iid,
            Title = issue.Title,
            Description = issue.Description,
            AuthorId = issue.AuthorId,
            ProjectId = issue.ProjectId,
            CreatedAt = issue.CreatedAt,
            UpdatedAt = issue.UpdatedAt,
            UpdatedById = user.Id,
            ClosedAt = issue.ClosedAt,
            Confidential = issue.Confidential,
            Url = $"{project.WebUrl}/-/issues/{issue.Iid.ToString(CultureInfo.InvariantCulture)}",
            State = issue.State,
            Action = action,
            Labels = Labels(issue.Labels, issue.ProjectId),
        },
    };

    public MergeRequestEvent MergeRequest(MergeRequest mr, string action, ForgeUser user, GitLabProject project) => new()
    {
        User = User(user),
        Project = project,
        ObjectAttributes = new MergeRequestAttributes
        {
            Id = mr.Id,
            Iid = mr.Iid,
            Title = mr.Title,
            Description = mr.Description,
            SourceBranch = mr.SourceBranch,
            TargetBranch = mr.TargetBranch,
            SourceProjectId = mr.ProjectId,
            TargetProjectId = mr.ProjectId,
            AuthorId = mr.AuthorId,
            CreatedAt = mr.CreatedAt,
            UpdatedAt = mr.UpdatedAt,
            State = mr.State,
            Action = action,
            Url = $"{project.WebUrl}/-/merge_requests/{mr.Iid.ToString(CultureInfo.InvariantCulture)}",
            Source = project,
            Target = project,
            DetailedMergeStatus = mr.State == "merged" ? "merged" : "mergeable",
        },
    };

    public NoteEvent NoteOnIssue(Note note, Issue issue, ForgeUser user, GitLabProject project) => new()
    {
        User = User(user),
        Project = project,
        OnConfidentialIssue = issue.Confidential,
        ObjectAttributes = new NoteAttributes
        {
            Id = note.Id,
            Note = note.Body,
            NoteableType = "Issue",
            AuthorId = note.AuthorId,
            CreatedAt = note.CreatedAt,
            UpdatedAt = note.CreatedAt,
            ProjectId = note.ProjectId,
            NoteableId = issue.Id,
            Url = $"{project.WebUrl}/-/issues/{issue.Iid.ToString(CultureInfo.InvariantCulture)}#note_{note.Id.ToString(CultureInfo.InvariantCulture)}",
        },
        Issue = new NoteIssue
        {
            Id = issue.Id,
            Iid = issue.Iid,
            Title = issue.Title,
            Description = issue.Description,
            AuthorId = issue.AuthorId,
            ProjectId = issue.ProjectId,
            CreatedAt = issue.CreatedAt,
            UpdatedAt = issue.UpdatedAt,
            State = issue.State,
            Labels = Labels(issue.Labels, issue.ProjectId),
        },
    };

    public PushEvent Push(ForgeUser user, GitLabProject project, string before, string after, string gitRef, IReadOnlyList<GitLabCommit> commits, bool refProtected) =>
        PushEvent.Create(User(user), project, before, after, gitRef, commits, refProtected);

    public GitLabCommit Commit(GitLabProject project, string sha, string message, ForgeUser author, DateTimeOffset at) => new()
    {
        Id = sha,
        Message = message,
        Title = message.Split('\n')[0],
        Timestamp = at,
        Url = $"{project.WebUrl}/-/commit/{sha}",
        Author = new GitLabCommitAuthor(author.Name, "[REDACTED]"),
    };

    public PipelineEvent Pipeline(Pipeline pipeline, IReadOnlyList<(long Id, string Stage, string Name, string Status)> jobs, ForgeUser user, GitLabProject project, GitLabCommit commit) => new()
    {
        User = User(user),
        Project = project,
        Commit = commit,
        ObjectAttributes = new PipelineAttributes
        {
            Id = pipeline.Id,
            Iid = pipeline.Iid,
            Name = $"Pipeline for {pipeline.Ref}",
            GitRef = pipeline.Ref,
            Sha = pipeline.Sha,
            BeforeSha = pipeline.Sha,
            Source = "push",
            Status = pipeline.Status,
            Stages = jobs.Select(j => j.Stage).Distinct().ToArray(),
            CreatedAt = pipeline.CreatedAt,
            FinishedAt = pipeline.FinishedAt,
            Duration = pipeline.FinishedAt is { } finished ? (long)(finished - pipeline.CreatedAt).TotalSeconds : null,
            Url = $"{project.WebUrl}/-/pipelines/{pipeline.Id.ToString(CultureInfo.InvariantCulture)}",
        },
        Builds = jobs.Select(j => new PipelineBuild
        {
            Id = j.Id,
            Stage = j.Stage,
            Name = j.Name,
            Status = j.Status,
            CreatedAt = pipeline.CreatedAt,
            StartedAt = pipeline.CreatedAt,
            FinishedAt = pipeline.FinishedAt,
            User = User(user),
            FailureReason = j.Status == "failed" ? "script_failure" : null,
        }).ToArray(),
    };

    public JobEvent Job(Pipeline pipeline, (long Id, string Stage, string Name, string Status) job, ForgeUser user, GitLabProject project, GitLabCommit commit) => new()
    {
        GitRef = pipeline.Ref,
        Sha = pipeline.Sha,
        BeforeSha = pipeline.Sha,
        BuildId = job.Id,
        BuildName = job.Name,
        BuildStage = job.Stage,
        BuildStatus = job.Status,
        BuildCreatedAt = pipeline.CreatedAt,
        BuildStartedAt = pipeline.CreatedAt,
        BuildFinishedAt = pipeline.FinishedAt,
        BuildFailureReason = job.Status == "failed" ? "script_failure" : null,
        PipelineId = pipeline.Id,
        User = User(user),
        Project = project,
        Commit = new JobCommit { Id = pipeline.Id, Sha = pipeline.Sha, Message = commit.Message, AuthorName = user.Name, AuthorEmail = "[REDACTED]", Status = pipeline.Status },
    };

    public DeploymentEvent Deployment(Deployment deployment, ForgeUser user, GitLabProject project) => new()
    {
        Status = deployment.Status,
        StatusChangedAt = deployment.UpdatedAt,
        DeploymentId = deployment.Id,
        DeployableId = deployment.Id,
        DeployableUrl = $"{project.WebUrl}/-/environments",
        Environment = deployment.Environment,
        EnvironmentSlug = deployment.Environment.ToLowerInvariant(),
        EnvironmentTier = deployment.Environment.Contains("prod", StringComparison.OrdinalIgnoreCase) ? "production" : "staging",
        Project = project,
        ShortSha = deployment.Sha[..Math.Min(8, deployment.Sha.Length)],
        User = User(user),
        UserUrl = $"{_baseUrl}/{user.Username}",
        CommitUrl = $"{project.WebUrl}/-/commit/{deployment.Sha}",
        CommitTitle = $"Deploy {deployment.Ref}",
        DeployedRef = deployment.Ref,
    };

    public AlertEvent Alert(Alert alert, GitLabProject project) => new()
    {
        ObjectAttributes = new AlertAttributes
        {
            Title = alert.Title,
            Url = $"{project.WebUrl}/-/alert_management/{alert.Iid.ToString(CultureInfo.InvariantCulture)}/details",
            Severity = alert.Severity,
            Events = 1,
            Status = alert.Status,
            StartedAt = alert.StartedAt,
        },
    };

    public WikiPageEvent WikiPage(WikiPage page, string action, ForgeUser user, GitLabProject project) => new()
    {
        User = User(user),
        Project = project,
        Wiki = new GitLabWiki($"{project.WebUrl}/-/wikis/home", $"git@forge.local:{project.PathWithNamespace}.wiki.git",
            $"{project.WebUrl}.wiki.git", $"{project.PathWithNamespace}.wiki", "main"),
        ObjectAttributes = new WikiPageAttributes
        {
            Title = page.Title,
            Content = page.Content,
            Format = page.Format,
            Message = $"{action} {page.Title}",
            Slug = page.Slug,
            Url = $"{project.WebUrl}/-/wikis/{page.Slug}",
            Action = action,
        },
    };

    public ReleaseEvent Release(Release release, GitLabProject project, GitLabCommit commit) => new()
    {
        ReleaseId = release.Id,
        CreatedAt = release.CreatedAt,
        ReleasedAt = release.CreatedAt,
        Description = release.Description ?? string.Empty,
        Name = release.Name,
        Tag = release.TagName,
        Project = project,
        Url = $"{project.WebUrl}/-/releases/{release.TagName}",
        Action = "create",
        Assets = new ReleaseAssets
        {
            Sources = [new ReleaseSource("zip", $"{project.WebUrl}/-/archive/{release.TagName}/{release.TagName}.zip")],
        },
        Commit = commit,
    };

    public static IReadOnlyList<GitLabLabel> Labels(string labels, long projectId) =>
        labels.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select((title, index) => new GitLabLabel { Id = index + 1, Title = title, Color = "#428BCA", ProjectId = projectId, Type = "ProjectLabel" })
            .ToArray();
}
