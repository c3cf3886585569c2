using Integrations.Storage;

namespace Integrations.State;

/// <summary>The one rule for keys, shared by every state implementation.</summary>
internal static class StateKey
{
    public static void Validate(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (key.Length > IntegrationStateRecord.MaxKeyLength)
        {
            throw new ArgumentException($"A state key is at most {IntegrationStateRecord.MaxKeyLength} characters; this one has {key.Length}.", nameof(key));
        }
    }
}
