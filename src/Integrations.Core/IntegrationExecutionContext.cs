using System.Text.Json;

namespace Integrations;

/// <summary>
/// What an integration receives when it runs: the event, its GitLab-style JSON payload and the services it may
/// use. Built by the delivery machinery (or by a test); integrations only read it.
/// </summary>
public sealed class IntegrationExecutionContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="event">The single event kind being delivered.</param>
    /// <param name="payload">The event payload as GitLab-compatible webhook JSON.</param>
    /// <param name="project">The project the event happened in.</param>
    /// <param name="services">Services for the integration (HTTP clients, loggers, clock).</param>
    public IntegrationExecutionContext(IntegrationEvents @event, JsonElement payload, IntegrationScope project, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        Event = @event;
        Payload = payload;
        Project = project;
        Services = services;
    }

    /// <summary>The single event kind being delivered.</summary>
    public IntegrationEvents Event { get; }

    /// <summary>The event payload as GitLab-compatible webhook JSON.</summary>
    public JsonElement Payload { get; }

    /// <summary>The project the event happened in.</summary>
    public IntegrationScope Project { get; }

    /// <summary>
    /// The payload as a typed event (<c>context.GetPayload&lt;IssueEvent&gt;()</c>), read with the same source-generated
    /// JSON metadata that wrote it. Keys the type does not declare are ignored; missing ones keep their defaults.
    /// </summary>
    /// <typeparam name="TEvent">A payload type from <see cref="Events.Payloads"/> that matches <see cref="Event"/>.</typeparam>
    /// <exception cref="InvalidOperationException">The event is of another kind, or the payload does not read as
    /// <typeparamref name="TEvent"/>; the message names both.</exception>
    public TEvent GetPayload<TEvent>()
        where TEvent : Events.IntegrationEvent
    {
        var typeInfo = Events.Payloads.EventsJsonContext.Default.GetTypeInfo(typeof(TEvent)) as System.Text.Json.Serialization.Metadata.JsonTypeInfo<TEvent>
            ?? throw new InvalidOperationException($"{typeof(TEvent).Name} is not one of the library's payload types; read context.Payload instead.");
        TEvent? payload;
        try
        {
            payload = Payload.Deserialize(typeInfo);
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"The {IntegrationEventNames.GetName(Event)} payload does not read as {typeof(TEvent).Name}: {ex.Message}", ex);
        }

        if (payload is null || (payload.Kind & Event) == 0 && !IsSameFamily(payload.Kind, Event))
        {
            throw new InvalidOperationException($"This is a {IntegrationEventNames.GetName(Event)} event, not a {typeof(TEvent).Name}.");
        }

        return payload;
    }

    /// <summary>Push and tag push share a payload type, as do issues and confidential issues, notes and confidential notes.</summary>
    private static bool IsSameFamily(IntegrationEvents a, IntegrationEvents b) =>
        (a | b) is (IntegrationEvents.Push | IntegrationEvents.TagPush) or (IntegrationEvents.Issue | IntegrationEvents.ConfidentialIssue)
            or (IntegrationEvents.Note | IntegrationEvents.ConfidentialNote);

    /// <summary>Services for the integration.</summary>
    public IServiceProvider Services { get; }

    /// <summary>The delivery id: stable across retries and resends, so receivers can de-duplicate.</summary>
    public Guid DeliveryId { get; init; } = Guid.CreateVersion7();

    /// <summary>Whether this is a "Test settings" run with sample data rather than a real event.</summary>
    public bool IsTest { get; init; }

    /// <summary>The event id (<c>X-Gitlab-Event-UUID</c>), shared by every delivery of the event.</summary>
    public Guid EventId { get; init; } = Guid.CreateVersion7();

    /// <summary>1 for the first attempt of this delivery.</summary>
    public int AttemptNumber { get; init; } = 1;

    /// <summary>
    /// The only HTTP client an integration may call the outside system with. Its connections are checked against the
    /// SSRF guard on the resolved address (loopback, private, link-local and metadata addresses are refused unless the
    /// host allows them), it never follows redirects, it stops at the integration's timeout and caps what it reads, and
    /// every exchange is recorded, redacted, in the delivery log and shown by "Test settings". A client taken from
    /// <see cref="Services"/> or created with <c>new HttpClient()</c> has none of this: a user-supplied URL could then
    /// reach the host's own network, and failures would be invisible. Map its responses with
    /// <see cref="IntegrationResult.FromHttpResponse"/> so retries, <c>Retry-After</c> and auto-disable behave the same
    /// for every integration.
    /// </summary>
    public required HttpClient Http { get; init; }

    /// <summary>
    /// The host's public URL (<see cref="IntegrationsOptions.InstanceUrl"/>); null when the host did not configure one.
    /// <see cref="Http"/> sends it as <c>X-Gitlab-Instance</c> on every request that does not set that header itself.
    /// </summary>
    public string? InstanceUrl { get; init; }

    /// <summary>The time of this attempt (from the framework's <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset AttemptTime { get; init; }

    /// <summary>
    /// What this integration remembers between deliveries (durable, per integration, safe with several workers), for
    /// example the Slack thread of a merge request or a comment already posted. "Test settings" gets a scratch state
    /// that is discarded after the test.
    /// </summary>
    public required State.IIntegrationState State { get; init; }
}
