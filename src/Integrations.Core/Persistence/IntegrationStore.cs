using Integrations.Diagnostics;
using Integrations.Health;
using Integrations.Registry;
using Integrations.Storage;
using Integrations.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Integrations.Persistence;

/// <summary>The EF Core implementation of <see cref="IIntegrationStore"/> over the host's (or the ready) context.</summary>
internal sealed class IntegrationStore : IIntegrationStore
{
    private readonly IIntegrationsDbContextProvider _db;
    private readonly IIntegrationRegistry _registry;
    private readonly IntegrationRecordMapper _mapper;
    private readonly IIntegrationValidator _validator;
    private readonly IIntegrationChangeObserver _changes;
    private readonly TimeProvider _time;
    private readonly IntegrationHealthService _health;
    private readonly ILogger<IntegrationStore> _logger;

    public IntegrationStore(
        IIntegrationsDbContextProvider db,
        IIntegrationRegistry registry,
        IntegrationRecordMapper mapper,
        IIntegrationValidator validator,
        IIntegrationChangeObserver changes,
        TimeProvider time,
        IntegrationHealthService health,
        ILogger<IntegrationStore> logger)
    {
        _db = db;
        _registry = registry;
        _mapper = mapper;
        _validator = validator;
        _changes = changes;
        _time = time;
        _health = health;
        _logger = logger;
    }

    private DbSet<IntegrationRecord> Records => _db.Context.Set<IntegrationRecord>();

    public async Task<Integration?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var record = await Records.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        if (_mapper.TryMaterialize(record, out var integration, out var broken))
        {
            return integration;
        }

        Log.BrokenIntegrationSkipped(_logger, broken.Id, broken.Type, broken.Scope.ToString(), broken.Reason);
        throw new BrokenIntegrationException(broken);
    }

    public async Task<Integration?> FindAsync(string type, IntegrationScope scope, CancellationToken cancellationToken = default)
    {
        var descriptor = _registry.Get(type);
        var names = descriptor.StoredNames;
        var records = await Records.AsNoTracking()
            .Where(r => r.ScopeKind == scope.Kind && r.ScopeId == scope.Id && names.Contains(r.Type))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return Materialize(records).Items.FirstOrDefault();
    }

    public async Task<TIntegration?> FindAsync<TIntegration>(IntegrationScope scope, CancellationToken cancellationToken = default)
        where TIntegration : Integration
    {
        if (!_registry.TryGet(typeof(TIntegration), out var descriptor))
        {
            throw new UnknownIntegrationTypeException($"{typeof(TIntegration).FullName} is not a registered integration type.");
        }

        return (TIntegration?)await FindAsync(descriptor.Slug, scope, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IntegrationList> ListAsync(IntegrationScope scope, CancellationToken cancellationToken = default)
    {
        var records = await Records.AsNoTracking()
            .Where(r => r.ScopeKind == scope.Kind && r.ScopeId == scope.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return Materialize(records);
    }

    /// <summary>Reads every row configured at any of the given scopes (one query), for the resolver.</summary>
    internal async Task<IntegrationList> ListForScopesAsync(IReadOnlyList<IntegrationScope> scopes, CancellationToken cancellationToken)
    {
        var includeInstance = scopes.Any(s => s.Kind == ScopeKind.Instance);
        var groups = scopes.Where(s => s.Kind == ScopeKind.Group).Select(s => s.Id).ToList();
        var projects = scopes.Where(s => s.Kind == ScopeKind.Project).Select(s => s.Id).ToList();
        var records = await Records.AsNoTracking()
            .Where(r => (includeInstance && r.ScopeKind == ScopeKind.Instance)
                        || (r.ScopeKind == ScopeKind.Group && groups.Contains(r.ScopeId))
                        || (r.ScopeKind == ScopeKind.Project && projects.Contains(r.ScopeId)))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return Materialize(records);
    }

    public async Task SaveAsync(Integration integration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(integration);
        if (!_registry.TryGet(integration.GetType(), out var descriptor))
        {
            throw new UnknownIntegrationTypeException($"{integration.GetType().FullName} is not a registered integration type.");
        }

        if (!integration.IsNew && integration.PersistedScope is { } persisted && persisted != integration.Scope)
        {
            throw new InvalidOperationException(
                $"The integration {integration.Id} is stored at {persisted}; it cannot move to {integration.Scope}. Create a new integration there instead.");
        }

        ResetSecretsExposedByChange(integration);

        var validation = await _validator.ValidateAsync(integration, cancellationToken).ConfigureAwait(false);
        if (!validation.IsValid)
        {
            throw new IntegrationValidationException(validation, $"The {descriptor.Title} integration at {integration.Scope} was not saved: {validation}");
        }

        var now = _time.GetUtcNow();
        var record = _mapper.ToRecord(integration, descriptor);
        record.UpdatedAt = now;
        if (integration.IsNew)
        {
            await EnsureNoSiblingAsync(descriptor, integration, cancellationToken).ConfigureAwait(false);
            record.CreatedAt = now;
            record.Version = 1;
        }

        var context = _db.Context;
        var entry = integration.IsNew ? context.Add(record) : context.Attach(record);
        if (!integration.IsNew)
        {
            entry.State = EntityState.Modified;
            entry.Property(r => r.CreatedAt).IsModified = false;
            entry.Property(r => r.Version).OriginalValue = integration.Version;
            record.Version = integration.Version + 1;
        }

        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            Log.ConcurrencyConflict(_logger, integration.Id, descriptor.Slug, integration.Version);
            throw new IntegrationConcurrencyException(
                $"The {descriptor.Title} integration at {integration.Scope} was changed or deleted by someone else since it was loaded (version {integration.Version}). Nothing was saved; reload it and apply your changes again.", ex);
        }
        catch (DbUpdateException ex) when (integration.IsNew && IntegrationRecordMapper.SingletonKey(descriptor, integration.Scope) is not null)
        {
            // Another writer inserted the same type at the same scope between our check and our insert.
            var key = IntegrationRecordMapper.SingletonKey(descriptor, integration.Scope);
            if (await Records.AsNoTracking().AnyAsync(r => r.SingletonKey == key, cancellationToken).ConfigureAwait(false))
            {
                throw Conflict(descriptor, integration, ex);
            }

            throw;
        }
        finally
        {
            entry.State = EntityState.Detached;
        }

        integration.Version = record.Version;
        integration.CreatedAt = record.CreatedAt;
        integration.UpdatedAt = now;
        integration.PersistedScope = integration.Scope;
        integration.Bag.AcceptChanges();
        _changes.ScopeChanged(integration.Scope);

        // An edit re-enables an integration that was disabled for failing (GitLab's rule).
        await _health.ResetAsync(context, integration.Id, descriptor.Slug, "The integration was edited.", succeeded: false, cancellationToken).ConfigureAwait(false);
        Log.IntegrationSaved(_logger, integration.Id, descriptor.Slug, integration.Scope.ToString(), integration.Version);
    }

    public async Task<bool> DeleteAsync(Integration integration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(integration);
        if (integration.IsNew)
        {
            return false;
        }

        var deleted = await Records.Where(r => r.Id == integration.Id && r.Version == integration.Version)
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        if (deleted == 0)
        {
            if (await Records.AnyAsync(r => r.Id == integration.Id, cancellationToken).ConfigureAwait(false))
            {
                throw new IntegrationConcurrencyException(
                    $"The {integration.Type} integration at {integration.Scope} was changed by someone else since it was loaded (version {integration.Version}). Nothing was deleted; reload it first.");
            }

            return false;
        }

        // What the integration remembered goes with it.
        await _db.Context.Set<IntegrationStateRecord>().Where(s => s.IntegrationId == integration.Id)
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        _changes.ScopeChanged(integration.Scope);
        Log.IntegrationDeleted(_logger, integration.Id, integration.Type, integration.Scope.ToString());
        return true;
    }

    /// <summary>
    /// GitLab's reset-secret-fields rule: when a field that could redirect secrets (a URL) changed and a secret was
    /// not entered again in the same edit, the secret is cleared rather than sent to the new address.
    /// </summary>
    private void ResetSecretsExposedByChange(Integration integration)
    {
        if (integration.IsNew || !integration.Fields.Any(f => f.ExposesSecrets && integration.IsPropertyChanged(f.Name)))
        {
            return;
        }

        foreach (var secret in integration.Fields.Where(f => f.IsSecretValue && integration.HasValue(f.Name) && !integration.IsPropertyTouched(f.Name)))
        {
            integration.SetRawValue(secret.Name, null);
            Log.SecretReset(_logger, integration.Id, integration.Type, secret.Name);
        }
    }

    private async Task EnsureNoSiblingAsync(IntegrationTypeDescriptor descriptor, Integration integration, CancellationToken cancellationToken)
    {
        if (IntegrationRecordMapper.SingletonKey(descriptor, integration.Scope) is not { } key)
        {
            return;
        }

        var names = descriptor.StoredNames;
        var scope = integration.Scope;
        if (await Records.AsNoTracking().AnyAsync(
                r => r.SingletonKey == key || (r.ScopeKind == scope.Kind && r.ScopeId == scope.Id && names.Contains(r.Type)),
                cancellationToken).ConfigureAwait(false))
        {
            throw Conflict(descriptor, integration, null);
        }
    }

    private static IntegrationConflictException Conflict(IntegrationTypeDescriptor descriptor, Integration integration, Exception? inner)
    {
        var message = $"{integration.Scope} already has a {descriptor.Title} integration; load and edit that one instead.";
        return inner is null ? new IntegrationConflictException(message) : new IntegrationConflictException(message, inner);
    }

    /// <summary>
    /// Materializes rows in a stable order (type, then creation). Ordering happens here rather than in SQL because
    /// SQLite cannot order by <see cref="DateTimeOffset"/>, and a scope holds few rows.
    /// </summary>
    private IntegrationList Materialize(IEnumerable<IntegrationRecord> records)
    {
        var items = new List<Integration>();
        var broken = new List<BrokenIntegration>();
        foreach (var record in records.OrderBy(r => r.Type, StringComparer.Ordinal).ThenBy(r => r.CreatedAt).ThenBy(r => r.Id))
        {
            if (_mapper.TryMaterialize(record, out var integration, out var problem))
            {
                items.Add(integration);
            }
            else
            {
                broken.Add(problem);
                Log.BrokenIntegrationSkipped(_logger, problem.Id, problem.Type, problem.Scope.ToString(), problem.Reason);
            }
        }

        return new IntegrationList(items, broken);
    }
}
