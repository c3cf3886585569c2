namespace Integrations.Samples.Web.Api;

/// <summary>Where a hooks route lives: a project's, a group's, or the instance's system hooks.</summary>
/// <param name="Scope">The library scope.</param>
/// <param name="JsonKey"><c>project_id</c>, <c>group_id</c>, or null for system hooks.</param>
/// <param name="Id">The project or group id.</param>
internal sealed record HookScope(IntegrationScope Scope, string? JsonKey, long? Id);
