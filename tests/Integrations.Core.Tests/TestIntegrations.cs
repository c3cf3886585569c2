using FluentValidation;
using Integrations.Fields;

namespace Integrations.Core.Tests;

public enum BranchSelection
{
    All,
    Default,
    Protected,
    DefaultAndProtected,
}

public sealed record RetryPolicy(int Attempts, string Mode);

/// <summary>A chat-style integration: a secret webhook URL, a channel and assorted typed settings.</summary>
public sealed class ChatIntegration : Integration
{
    public override string Title => "Chat notifications";

    public override string Description => "Posts to a chat channel.";

    public override IntegrationEvents SupportedEvents => IntegrationEvents.Push | IntegrationEvents.Issue | IntegrationEvents.Pipeline;

    [Field(FieldType.Text, Title = "Webhook URL", Required = true, IsUrl = true, IsSecret = true, ExposesSecrets = true, Section = FieldSections.Connection)]
    public string? Webhook { get => GetProperty<string>(); set => SetProperty(value); }

    [Field(FieldType.Text, Placeholder = "#general")]
    public string? Channel { get => GetProperty<string>(); set => SetProperty(value); }

    [Field(FieldType.Checkbox, CheckboxLabel = "Notify only broken pipelines")]
    public bool NotifyOnlyBrokenPipelines { get => GetProperty<bool?>() ?? true; set => SetProperty(value); }

    [Field(FieldType.Select, Title = "Branches to be notified")]
    public BranchSelection BranchesToBeNotified { get => GetProperty<BranchSelection?>() ?? BranchSelection.Default; set => SetProperty(value); }

    [Field(FieldType.StringList, Title = "Labels")]
    public IReadOnlyList<string>? Labels { get => GetProperty<IReadOnlyList<string>>(); set => SetProperty(value); }

    [Field(FieldType.Number, Title = "Timeout (seconds)", Min = 1, Max = 30)]
    public int? TimeoutSeconds { get => GetProperty<int?>(); set => SetProperty(value); }

    public RetryPolicy? Retry { get => GetProperty<RetryPolicy>(); set => SetProperty(value); }

    public override Task<IntegrationResult> ExecuteAsync(IntegrationExecutionContext context, CancellationToken cancellationToken) =>
        Task.FromResult(IntegrationResult.Success());
}

/// <summary>An issue-tracker-style integration: a URL that exposes a username and password.</summary>
[IntegrationType("tracker", LegacyNames = ["OldTrackerService"])]
public sealed class TrackerIntegration : Integration
{
    public override IntegrationEvents SupportedEvents => IntegrationEvents.Push | IntegrationEvents.MergeRequest;

    [Field(FieldType.Text, Title = "Web URL", Required = true, IsUrl = true, ExposesSecrets = true, Section = FieldSections.Connection)]
    public string? Url { get => GetProperty<string>(); set => SetProperty(value); }

    [Field(FieldType.Text, Required = true, Section = FieldSections.Connection)]
    public string? Username { get => GetProperty<string>(); set => SetProperty(value); }

    [Field(FieldType.Password, Title = "API token", Required = true, Section = FieldSections.Connection,
        NonEmptyPasswordTitle = "Enter new API token", NonEmptyPasswordHelp = "Leave blank to use your current token.")]
    public string? Password { get => GetProperty<string>(); set => SetProperty(value); }

    [Field(FieldType.Text, Title = "Project key")]
    public string? ProjectKey { get => GetProperty<string>(); set => SetProperty(value); }

    [Field(FieldType.Select, Choices = ["basic", "bearer"])]
    public string? AuthType { get => GetProperty<string>(); set => SetProperty(value); }

    public override Task<IntegrationResult> ExecuteAsync(IntegrationExecutionContext context, CancellationToken cancellationToken) =>
        Task.FromResult(IntegrationResult.Success());
}

/// <summary>The tracker's own rule, composed with the field rules.</summary>
public sealed class TrackerValidator : AbstractValidator<TrackerIntegration>
{
    public TrackerValidator()
    {
        RuleFor(t => t.ProjectKey).Matches("^[A-Z][A-Z0-9]*$").When(t => t.ProjectKey is not null)
            .WithMessage("Project key must be upper-case letters and digits.");
        RuleFor(t => t.Password).Must(p => p is null || p.Length >= 8)
            .WithMessage(t => $"'{t.Password}' is too short.");
    }
}

/// <summary>A webhook-style type: many per scope.</summary>
[IntegrationType("hook", AllowMultiplePerScope = true)]
public sealed class HookIntegration : Integration
{
    [Field(FieldType.Text, Required = true, IsUrl = true)]
    public string? Url { get => GetProperty<string>(); set => SetProperty(value); }

    public override Task<IntegrationResult> ExecuteAsync(IntegrationExecutionContext context, CancellationToken cancellationToken) =>
        Task.FromResult(IntegrationResult.Success());
}

/// <summary>A type only projects may configure.</summary>
[IntegrationType("deploy_board", Levels = IntegrationLevels.Project)]
public sealed class DeployBoardIntegration : Integration
{
    public override Task<IntegrationResult> ExecuteAsync(IntegrationExecutionContext context, CancellationToken cancellationToken) =>
        Task.FromResult(IntegrationResult.Success());
}

/// <summary>Same slug as <see cref="ChatIntegration"/>: must be refused at startup.</summary>
[IntegrationType("chat")]
public sealed class OtherChatIntegration : Integration
{
    public override Task<IntegrationResult> ExecuteAsync(IntegrationExecutionContext context, CancellationToken cancellationToken) =>
        Task.FromResult(IntegrationResult.Success());
}
