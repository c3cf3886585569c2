namespace Integrations.Storage;

/// <summary>Lease tokens: the worker's id (so a row shows who holds it) and a fresh suffix per claim or hand-off.</summary>
internal static class LeaseToken
{
    /// <summary>A fresh lease token of <paramref name="workerId"/>.</summary>
    public static string New(string workerId) => workerId + ":" + Guid.NewGuid().ToString("N")[..12];
}
