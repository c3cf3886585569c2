namespace Integrations.Samples.Web;

/// <summary>The sample's settings (section <c>Forge</c>; every one can be given on the command line as <c>--Forge:Name=value</c>).</summary>
public sealed class ForgeOptions
{
    /// <summary>Where the SQLite file and the generated encryption key live; <c>./data</c> by default.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The forge's public URL, for links in payloads and <c>X-Gitlab-Instance</c>.</summary>
    public string BaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>The administrator's API token; generated and printed on first run when not set.</summary>
    public string? AdminToken { get; set; }

    /// <summary>The developer's (non-admin) API token; generated and printed on first run when not set.</summary>
    public string? DeveloperToken { get; set; }

    /// <summary>The encryption key (Base64, 32 bytes); generated once beside the database when not set. Production must supply its own.</summary>
    public string? EncryptionKey { get; set; }

    /// <summary>Lets deliveries reach 127.0.0.1 and localhost (the built-in receiver); off by default.</summary>
    public bool AllowLocalDelivery { get; set; }

    /// <summary>How often waiting deployments' ServiceNow change requests are read for a decision; 30 seconds by default.</summary>
    public TimeSpan ApprovalPollInterval { get; set; } = TimeSpan.FromSeconds(30);
}
