namespace Integrations.Registry;

/// <summary>The registered integration types, collected from every <c>Add&lt;T&gt;()</c> call.</summary>
internal sealed class IntegrationRegistryOptions
{
    public List<IntegrationTypeRegistration> Registrations { get; } = [];

    /// <summary>Adds a registration; a second registration of the same class merges into the first (idempotent).</summary>
    public void Add(Type type, Func<Integration> factory, Action<IntegrationTypeOptions>? configure)
    {
        var existing = Registrations.Find(r => r.Type == type);
        var options = existing?.Options ?? new IntegrationTypeOptions();
        configure?.Invoke(options);
        if (existing is null)
        {
            Registrations.Add(new IntegrationTypeRegistration(type, factory, options));
        }
    }
}
