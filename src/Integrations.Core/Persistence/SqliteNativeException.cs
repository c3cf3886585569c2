using System.Data.Common;

namespace Integrations.Persistence;

/// <summary>A failure reported by SQLite for a <see cref="SqliteNativeStatement"/>: its result code and message.</summary>
internal sealed class SqliteNativeException(string message, int errorCode) : DbException(message, errorCode);
