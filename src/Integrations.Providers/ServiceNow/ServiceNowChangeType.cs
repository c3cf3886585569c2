namespace Integrations.Providers.ServiceNow;

/// <summary>The type of the change requests the integration opens.</summary>
public enum ServiceNowChangeType
{
    /// <summary>A normal change, approved through the instance's normal change policy.</summary>
    Normal,

    /// <summary>An emergency change, approved through the emergency change policy.</summary>
    Emergency,
}
