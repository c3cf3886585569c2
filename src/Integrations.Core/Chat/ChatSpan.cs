namespace Integrations.Chat;

/// <summary>A run of text, linked when <see cref="Url"/> is set. Providers render links in their own syntax and escape the text.</summary>
/// <param name="Text">The text as shown.</param>
/// <param name="Url">An absolute link, or null.</param>
public sealed record ChatSpan(string Text, string? Url = null);
