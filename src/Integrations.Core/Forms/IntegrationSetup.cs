namespace Integrations.Forms;

/// <summary>Whether a scope has an integration of a type, and whether it runs.</summary>
public enum IntegrationSetup
{
    /// <summary>No level of the scope configures it.</summary>
    NotConfigured,

    /// <summary>Configured here or inherited, and active.</summary>
    Active,

    /// <summary>Configured here or inherited, and turned off.</summary>
    Inactive,
}
