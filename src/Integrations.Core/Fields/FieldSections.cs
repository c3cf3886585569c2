namespace Integrations.Fields;

/// <summary>The well-known form sections (GitLab's): fields are grouped under these headings.</summary>
public static class FieldSections
{
    /// <summary>"Connection details": URLs and credentials.</summary>
    public const string Connection = "connection";

    /// <summary>"Trigger": which events and filters fire the integration.</summary>
    public const string Trigger = "trigger";

    /// <summary>"Notification settings" and other behaviour.</summary>
    public const string Configuration = "configuration";
}
