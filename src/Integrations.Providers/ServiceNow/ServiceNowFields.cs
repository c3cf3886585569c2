using System.Text.Json.Nodes;

namespace Integrations.Providers.ServiceNow;

/// <summary>The fields every new record gets from the settings: assignment group, caller, category, configuration item.</summary>
internal static class ServiceNowFields
{
    public static void AddCommon(ServiceNowIntegration settings, JsonObject fields, string callerField)
    {
        Add(fields, "assignment_group", settings.AssignmentGroup);
        Add(fields, callerField, settings.Caller);
        Add(fields, "category", settings.Category);
        Add(fields, "cmdb_ci", settings.ConfigurationItem);
    }

    private static void Add(JsonObject fields, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            fields[name] = value.Trim();
        }
    }
}
