namespace Integrations.Forms;

/// <summary>One event checkbox of a settings form, with the provider's per-event field beside it (a chat channel) when it has one.</summary>
/// <param name="Event">The event kind.</param>
/// <param name="Name">The form key: GitLab's flag name, such as <c>push_events</c>.</param>
/// <param name="Label">The label (<c>Push</c>, <c>Confidential issue</c>).</param>
/// <param name="Enabled">Whether it is subscribed.</param>
/// <param name="Field">The per-event field (<c>push_channel</c>), or null.</param>
public sealed record IntegrationFormEvent(IntegrationEvents Event, string Name, string Label, bool Enabled, IntegrationFormField? Field);
