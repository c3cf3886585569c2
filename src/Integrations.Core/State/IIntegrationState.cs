namespace Integrations.State;

/// <summary>
/// What one integration remembers between deliveries, durable in the integrations database: a Slack thread per merge
/// request, a ServiceNow incident per alert, a Jira comment already posted. Reached through
/// <see cref="IntegrationExecutionContext.State"/>. Keys are at most 200 characters; values are text (store JSON for
/// structure). Every call commits at once, outside any delivery transaction, and is safe with several workers.
/// "Test settings" runs get a scratch state of their own, so a test never changes what the saved integration remembers.
/// </summary>
public interface IIntegrationState
{
    /// <summary>The value stored under <paramref name="key"/>, or null.</summary>
    /// <param name="key">The key (1–200 characters).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<string?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="value"/> under <paramref name="key"/> unless a value is there already. Returns true when
    /// this call stored it: of several concurrent callers (other workers, a retry, a resend) exactly one gets true, so
    /// "post the comment only if I am the first" is <c>if (await state.TryAddAsync(key, id)) { … }</c>.
    /// </summary>
    /// <param name="key">The key (1–200 characters).</param>
    /// <param name="value">The value.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task<bool> TryAddAsync(string key, string value, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>, replacing any value there.</summary>
    /// <param name="key">The key (1–200 characters).</param>
    /// <param name="value">The value.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task SetAsync(string key, string value, CancellationToken cancellationToken = default);

    /// <summary>Forgets the value under <paramref name="key"/>; true when there was one.</summary>
    /// <param name="key">The key (1–200 characters).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task<bool> RemoveAsync(string key, CancellationToken cancellationToken = default);
}
