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

    public static IReadOnlyList<GitLabLabel> Labels(string labels, long projectId) =>
        labels.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select((title, index) => new GitLabLabel { Id = index + 1, Title = title, Color = "#428BCA", ProjectId = projectId, Type = "ProjectLabel" })
            .ToArray();
}
