using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Integrations.Storage;

/// <summary>
/// The context's connection, opened for raw commands and closed again afterwards if it was opened here. Commands it
/// creates join the context's current transaction, if any.
/// </summary>
internal sealed class ConnectionLease : IAsyncDisposable
{
    private readonly DbContext _context;
    private readonly bool _openedHere;

    private ConnectionLease(DbContext context, bool openedHere)
    {
        _context = context;
        _openedHere = openedHere;
    }

    public static async Task<ConnectionLease> OpenAsync(DbContext context, CancellationToken cancellationToken)
    {
        var openedHere = context.Database.GetDbConnection().State != ConnectionState.Open;
        if (openedHere)
        {
            await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        return new ConnectionLease(context, openedHere);
    }

    /// <summary>The open connection.</summary>
    public DbConnection Connection => _context.Database.GetDbConnection();

    /// <summary>A command on the connection, in the context's current transaction.</summary>
    public DbCommand CreateCommand()
    {
        var command = _context.Database.GetDbConnection().CreateCommand();
        command.Transaction = _context.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        if (_openedHere)
        {
            await _context.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }
}
