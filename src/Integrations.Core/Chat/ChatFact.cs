namespace Integrations.Chat;

/// <summary>A named value shown beside a message: "Branch: main", "Failed job(s): unit, lint".</summary>
/// <param name="Name">The name.</param>
/// <param name="Value">The value.</param>
public sealed record ChatFact(string Name, ChatText Value);
