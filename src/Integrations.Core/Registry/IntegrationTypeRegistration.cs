namespace Integrations.Registry;

/// <summary>One <c>Add&lt;T&gt;()</c> call, recorded until the registry is built.</summary>
internal sealed record IntegrationTypeRegistration(Type Type, Func<Integration> Factory, IntegrationTypeOptions Options);
