namespace Integrations.Persistence;

/// <summary>
/// Reads and writes integrations at any scope. Saving validates, applies the secret-reset rule, encrypts secrets,
/// checks the concurrency version and invalidates cached effective settings.
/// </summary>
public interface IIntegrationStore
{
    /// <summary>Gets an integration by id.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The integration, or null when there is no such row.</returns>
    /// <exception cref="BrokenIntegrationException">The row exists but cannot be loaded.</exception>
    Task<Integration?> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Finds the integration of a type configured at exactly this scope (not inherited).</summary>
    /// <param name="type">The slug or a legacy name.</param>
    /// <param name="scope">The scope.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The scope's own integration, or null. For types allowed many times per scope, the oldest.</returns>
    Task<Integration?> FindAsync(string type, IntegrationScope scope, CancellationToken cancellationToken = default);

    /// <summary>Finds the integration of a class configured at exactly this scope.</summary>
    /// <typeparam name="TIntegration">The integration class.</typeparam>
    /// <param name="scope">The scope.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<TIntegration?> FindAsync<TIntegration>(IntegrationScope scope, CancellationToken cancellationToken = default)
        where TIntegration : Integration;

    /// <summary>Lists the integrations configured at exactly this scope, and the rows that could not be loaded.</summary>
    /// <param name="scope">The scope.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<IntegrationList> ListAsync(IntegrationScope scope, CancellationToken cancellationToken = default);

    /// <summary>
    /// Validates and stores an integration (insert when new, update otherwise). On success the object's
    /// <see cref="Integration.Version"/> and timestamps are updated and its change tracking is reset.
    /// </summary>
    /// <param name="integration">The integration.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="Validation.IntegrationValidationException">The integration is invalid; nothing was written.</exception>
    /// <exception cref="IntegrationConcurrencyException">Someone else changed or deleted it since it was loaded.</exception>
    /// <exception cref="IntegrationConflictException">The scope already has an integration of this type.</exception>
    Task SaveAsync(Integration integration, CancellationToken cancellationToken = default);

    /// <summary>Deletes an integration; inheriting scopes fall back to the next ancestor.</summary>
    /// <param name="integration">The integration, as loaded.</param>
    /// <param name="cancellationToken">Cancels the delete.</param>
    /// <returns>Whether a row was deleted (false when it never existed or was already gone).</returns>
    /// <exception cref="IntegrationConcurrencyException">Someone else changed it since it was loaded.</exception>
    Task<bool> DeleteAsync(Integration integration, CancellationToken cancellationToken = default);
}
