using System.Text.Json.Serialization;

namespace Integrations.Events.Payloads;

/// <summary>
/// Source-generated JSON for GitLab payloads: snake_case, and nulls written out (GitLab sends <c>"milestone_id": null</c>
/// rather than leaving keys out).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = false)]
[JsonSerializable(typeof(PushEvent))]
[JsonSerializable(typeof(IssueEvent))]
[JsonSerializable(typeof(MergeRequestEvent))]
[JsonSerializable(typeof(NoteEvent))]
[JsonSerializable(typeof(PipelineEvent))]
[JsonSerializable(typeof(JobEvent))]
[JsonSerializable(typeof(DeploymentEvent))]
[JsonSerializable(typeof(WikiPageEvent))]
[JsonSerializable(typeof(ReleaseEvent))]
[JsonSerializable(typeof(AlertEvent))]
[JsonSerializable(typeof(VulnerabilityEvent))]
[JsonSerializable(typeof(FeatureFlagEvent))]
[JsonSerializable(typeof(EmojiEvent))]
[JsonSerializable(typeof(MilestoneEvent))]
[JsonSerializable(typeof(MemberEvent))]
[JsonSerializable(typeof(ProjectEvent))]
[JsonSerializable(typeof(SubgroupEvent))]
[JsonSerializable(typeof(AccessTokenEvent))]
[JsonSerializable(typeof(IReadOnlyList<GitLabLabel>))]
internal sealed partial class EventsJsonContext : JsonSerializerContext;
