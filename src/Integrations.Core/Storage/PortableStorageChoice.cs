namespace Integrations.Storage;

/// <summary>Registered by <c>UsePortableStorage()</c>: the host chose the portable EF Core storage on purpose.</summary>
internal sealed class PortableStorageChoice;
