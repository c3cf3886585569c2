namespace Integrations;

/// <summary>How secrets are shown: a fixed mask that reveals neither the value nor its length.</summary>
public static class SecretMask
{
    /// <summary>The mask shown instead of a secret value: <c>************</c>.</summary>
    public const string Value = "************";
}
