namespace Integrations.Storage;

/// <summary>
/// What a delivery storage's database can do, declared by the storage (as Hangfire's <c>JobStorageFeatures</c>): the
/// engine reads these flags and never asks which database it is talking to.
/// </summary>
/// <param name="SingleWriter">The database runs one write transaction at a time (SQLite): this process's own writers
/// take turns on an in-process gate instead of colliding inside the database.</param>
/// <param name="ConcurrentCommits">How many group commits may be in flight at once (PostgreSQL overlaps a few, since its
/// commits wait for the WAL flush rather than for each other).</param>
internal sealed record DeliveryStorageFeatures(bool SingleWriter, int ConcurrentCommits);
