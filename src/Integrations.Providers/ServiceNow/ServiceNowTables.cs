namespace Integrations.Providers.ServiceNow;

/// <summary>The ServiceNow tables the integration writes.</summary>
internal static class ServiceNowTables
{
    public const string ChangeRequest = "change_request";

    public const string Incident = "incident";
}
