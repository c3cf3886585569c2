namespace Integrations.Forms;

/// <summary>A heading of a settings form and its controls, in declaration order.</summary>
/// <param name="Name">The section key (<c>connection</c>, <c>configuration</c>, <c>trigger</c>, or a provider's own).</param>
/// <param name="Title">The heading to show.</param>
/// <param name="Fields">Its controls.</param>
public sealed record IntegrationFormSection(string Name, string Title, IReadOnlyList<IntegrationFormField> Fields);
