using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Integrations.Fields;
using Integrations.Properties;
using Integrations.Registry;
using Integrations.Validation;

namespace Integrations;

/// <summary>
/// The base type of every integration (Slack, Jira, a webhook, or the host's own). A subclass declares its typed
/// settings as properties backed by a JSON property bag, marks them with <see cref="FieldAttribute"/> for forms and
/// validation, names the events it supports, and implements <see cref="ExecuteAsync"/>:
/// <code>
/// public sealed class StatusPageIntegration : Integration
/// {
///     [Field(FieldType.Text, Required = true, IsUrl = true, ExposesSecrets = true)]
///     public string? Url { get => GetProperty&lt;string&gt;(); set => SetProperty(value); }
///
///     [Field(FieldType.Password, Required = true)]
///     public string? ApiKey { get => GetProperty&lt;string&gt;(); set => SetProperty(value); }
///
///     public override Task&lt;IntegrationResult&gt; ExecuteAsync(IntegrationExecutionContext context, CancellationToken cancellationToken) => …;
/// }
/// </code>
/// Register it with <c>services.AddIntegrations().Add&lt;StatusPageIntegration&gt;()</c>; it is stored in the existing
/// <c>integrations</c> table with no migration.
/// </summary>
public abstract class Integration
{
    private PropertyBag _bag;
    private IntegrationTypeShape? _shape;
    private IntegrationEvents? _enabledEvents;

    /// <summary>Creates an integration with no settings.</summary>
    protected Integration() => _bag = new PropertyBag();

    /// <summary>The integration's id; assigned when the object is created and kept when it is stored.</summary>
    public Guid Id { get; internal set; } = Guid.CreateVersion7();

    /// <summary>The type slug (<c>slack</c>, <c>foo_bar</c>): from <see cref="IntegrationTypeAttribute"/> or the class name.</summary>
    public string Type => Shape.Slug;

    /// <summary>Where this integration is configured. Fixed once stored.</summary>
    public IntegrationScope Scope { get; set => field = Writable(value); }

    /// <summary>Whether the integration runs. Inactive integrations may be saved incomplete.</summary>
    public bool Active { get; set => field = Writable(value); }

    /// <summary>The events this integration is subscribed to; defaults to <see cref="DefaultEvents"/>.</summary>
    public IntegrationEvents EnabledEvents
    {
        get => _enabledEvents ??= DefaultEvents;
        set => _enabledEvents = Writable(value);
    }

    /// <summary>
    /// "Use default settings": every setting, the active flag and the events come from the nearest ancestor
    /// (group or instance) that configures this type. The row's own values are kept but not used.
    /// </summary>
    public bool UseDefaultSettings { get; set => field = Writable(value); }

    /// <summary>
    /// Per-field inheritance for custom settings: the names of fields whose values come from the nearest ancestor
    /// (for example the connection URL and credentials) while the others (a channel) are this row's own.
    /// </summary>
    public ISet<string> InheritedFields { get; } = new SortedSet<string>(StringComparer.Ordinal);

    /// <summary>When the integration was first stored.</summary>
    public DateTimeOffset CreatedAt { get; internal set; }

    /// <summary>When the integration was last stored.</summary>
    public DateTimeOffset UpdatedAt { get; internal set; }

    /// <summary>The optimistic-concurrency version: 0 before the first save, then incremented by every save.</summary>
    public int Version { get; internal set; }

    /// <summary>Whether the integration has never been stored.</summary>
    public bool IsNew => Version == 0;

    /// <summary>The display name, for example "Slack notifications".</summary>
    public virtual string Title => FieldMetadataReader.Humanize(Type);

    /// <summary>A one-line description for catalogs.</summary>
    public virtual string Description => string.Empty;

    /// <summary>Longer help (Markdown) shown on the settings page.</summary>
    public virtual string? Help => null;

    /// <summary>The settings fields, by default read from the <see cref="FieldAttribute"/>s on the type's properties.</summary>
    public virtual IReadOnlyList<IntegrationField> Fields => Shape.Fields;

    /// <summary>The events this type can handle. GitLab's default set unless overridden.</summary>
    public virtual IntegrationEvents SupportedEvents =>
        IntegrationEvents.Push | IntegrationEvents.TagPush | IntegrationEvents.Issue | IntegrationEvents.ConfidentialIssue
        | IntegrationEvents.MergeRequest | IntegrationEvents.WikiPage;

    /// <summary>The events a new integration of this type is subscribed to; all supported events unless overridden.</summary>
    public virtual IntegrationEvents DefaultEvents => SupportedEvents;

    /// <summary>
    /// How long one delivery attempt may take, or null for the instance default (10 s). Clamped to the instance's bounds
    /// (<see cref="Http.OutboundNetworkOptions"/>), so a slow receiver can get more time without an instance-wide knob.
    /// </summary>
    public virtual TimeSpan? Timeout => null;

    /// <summary>
    /// Whether the receiver's TLS certificate must be valid (true unless overridden). A webhook may turn it off for a
    /// receiver with a self-signed certificate; the request stays guarded against the local network either way.
    /// </summary>
    public virtual bool VerifiesServerCertificate => true;

    /// <summary>Whether any property changed since the integration was loaded or last saved.</summary>
    public bool HasChanges => _bag.HasChanges;

    /// <summary>The keys of every stored property, including keys no field declares (kept on round-trip).</summary>
    public IEnumerable<string> PropertyKeys => _bag.Keys;

    /// <summary>Whether this object is a shared, read-only effective view (see <see cref="Inheritance.EffectiveIntegration"/>).</summary>
    public bool IsReadOnly { get; internal set; }

    internal PropertyBag Bag => _bag;

    internal IntegrationTypeShape Shape => _shape ??= IntegrationTypeShape.For(GetType());

    internal IntegrationScope? PersistedScope { get; set; }

    /// <summary>
    /// The integration's own event filter, applied at dispatch after the event-kind subscription (for example a branch
    /// filter; see <see cref="Events.BranchFilter"/>). Returns true by default.
    /// </summary>
    /// <param name="event">The event being dispatched.</param>
    public virtual bool Accepts(Events.IntegrationEvent @event) => true;

    /// <summary>
    /// Delivers one event to the outside system. Called by the delivery worker, never on the host's request thread;
    /// an integration throws only for bugs: outside failures are returned as <see cref="IntegrationResult"/>s so the
    /// worker can log and retry them.
    /// </summary>
    /// <param name="context">The event, its payload and services.</param>
    /// <param name="cancellationToken">Cancelled on shutdown or when the delivery times out.</param>
    public abstract Task<IntegrationResult> ExecuteAsync(IntegrationExecutionContext context, CancellationToken cancellationToken);

    /// <summary>
    /// "Test settings": checks the current (possibly unsaved) values against the outside system. By default sends the
    /// sample event in <paramref name="context"/> through <see cref="ExecuteAsync"/>; override to call a cheaper
    /// endpoint (Jira's <c>serverInfo</c>, for example). Must not store anything.
    /// </summary>
    /// <param name="context">A context whose <see cref="IntegrationExecutionContext.IsTest"/> is true.</param>
    /// <param name="cancellationToken">Cancels the test.</param>
    public virtual Task<IntegrationResult> TestAsync(IntegrationExecutionContext context, CancellationToken cancellationToken) =>
        ExecuteAsync(context, cancellationToken);

    /// <summary>Whether the property or field changed value since the integration was loaded or last saved.</summary>
    /// <param name="name">The property name (<c>WebhookUrl</c>) or field name (<c>webhook_url</c>).</param>
    public bool IsPropertyChanged(string name) => _bag.IsChanged(KeyOf(name));

    /// <summary>Whether the property was assigned since loading, even with the same value.</summary>
    /// <param name="name">The property name or field name.</param>
    public bool IsPropertyTouched(string name) => _bag.IsTouched(KeyOf(name));

    /// <summary>The value the property had when the integration was loaded or last saved.</summary>
    /// <typeparam name="T">The property type.</typeparam>
    /// <param name="name">The property name or field name.</param>
    public T? GetOriginalValue<T>(string name) => _bag.GetOriginal<T>(KeyOf(name));

    /// <summary>A copy of the stored JSON value of a key, or null; for generic tools that know no property types.</summary>
    /// <param name="key">The snake_case key.</param>
    public JsonNode? GetRawValue(string key) => _bag.GetRaw(key)?.DeepClone();

    /// <summary>Sets the stored JSON value of a key (null removes it); for generic tools and imports.</summary>
    /// <param name="key">The snake_case key.</param>
    /// <param name="value">The value.</param>
    public void SetRawValue(string key, JsonNode? value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        _bag.SetRaw(key, value);
    }

    /// <summary>Whether a secret field has a value, without revealing it.</summary>
    /// <param name="fieldName">The field name.</param>
    public bool HasValue(string fieldName) => _bag.GetRaw(KeyOf(fieldName)) is not null;

    /// <summary>
    /// Applies everything a settings form posts, converting text by field type:
    /// <list type="bullet">
    /// <item><description>a field's value under its name; a blank or masked (<c>************</c>) secret keeps the
    /// current secret, and a URL posted back exactly as it was shown (<see cref="SecretMask.Url"/>) keeps the stored URL;
    /// text that does not parse (a number field holding "abc") is kept as entered so validation reports it;</description></item>
    /// <item><description><c>active</c> and <c>use_default_settings</c> (checkboxes);</description></item>
    /// <item><description><c>events</c>, a comma-separated list of event names that replaces the subscribed events,
    /// and <c>{event}_events</c> checkboxes (GitLab's names, such as <c>push_events</c> or <c>merge_requests_events</c>)
    /// that turn single events on or off;</description></item>
    /// <item><description><c>inherit_{field}</c> checkboxes for per-field inheritance.</description></item>
    /// </list>
    /// A value posted for a field that is inherited overrides the inherited value (the field stops being inherited),
    /// unless the same form also says <c>inherit_{field}</c> is on: a value and "inherit" together are refused, never
    /// silently ignored. Keys the form does not post are left alone.
    /// </summary>
    /// <param name="values">Form values keyed by name.</param>
    /// <exception cref="Validation.IntegrationValidationException">A key holds a value that cannot apply (an unknown or
    /// unsupported event, a value together with "inherit"); <see cref="Validation.IntegrationValidationException.Errors"/>
    /// is keyed by the form key. Nothing is applied then.</exception>
    public void ApplyFormValues(IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        FormValueBinder.ApplyAll(this, values);
    }

    /// <summary>Type, scope, state and settings, with every secret masked.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(Type).Append(" at ").Append(Scope).Append(Active ? " (active)" : " (inactive)");
        if (UseDefaultSettings)
        {
            sb.Append(" using default settings");
        }

        var first = true;
        foreach (var field in Fields)
        {
            var raw = _bag.GetRaw(field.Name);
            if (raw is null)
            {
                continue;
            }

            sb.Append(first ? ": " : ", ").Append(field.Name).Append('=')
              .Append(field.IsSecretValue ? SecretMask.Value : ShownText(raw));
            first = false;
        }

        return sb.ToString();
    }

    /// <summary>A non-secret value as shown: URLs have their user-info and secret query values masked.</summary>
    private static string? ShownText(System.Text.Json.Nodes.JsonNode raw) => PropertyValueConverter.ToText(
        raw is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var text) ? System.Text.Json.Nodes.JsonValue.Create(SecretMask.Url(text)) : raw);

    /// <summary>Reads a typed property from the property bag. Use it in the property's getter.</summary>
    /// <typeparam name="T">string, bool, a number, an enum, a string list, or a small record.</typeparam>
    /// <param name="propertyName">Supplied by the compiler: the calling property's name.</param>
    /// <returns>The value, or the type's default when unset or unreadable.</returns>
    protected T? GetProperty<T>([CallerMemberName] string propertyName = "") => _bag.Get<T>(Shape.KeyOf(propertyName));

    /// <summary>Writes a typed property to the property bag and records the change. Use it in the property's setter.</summary>
    /// <typeparam name="T">The property type.</typeparam>
    /// <param name="value">The new value; null removes the key.</param>
    /// <param name="propertyName">Supplied by the compiler: the calling property's name.</param>
    protected void SetProperty<T>(T? value, [CallerMemberName] string propertyName = "") => _bag.Set(Shape.KeyOf(propertyName), value);

    /// <summary>Reads a record-typed property with source-generated JSON metadata (trimming- and AOT-friendly).</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="typeInfo">The type's metadata from the integration's own <c>JsonSerializerContext</c>.</param>
    /// <param name="propertyName">Supplied by the compiler.</param>
    protected T? GetProperty<T>(JsonTypeInfo<T> typeInfo, [CallerMemberName] string propertyName = "")
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        var node = _bag.GetRaw(Shape.KeyOf(propertyName));
        try
        {
            return node is null ? default : System.Text.Json.JsonSerializer.Deserialize(node, typeInfo);
        }
        catch (System.Text.Json.JsonException)
        {
            return default;
        }
    }

    /// <summary>Writes a record-typed property with source-generated JSON metadata.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="value">The new value; null removes the key.</param>
    /// <param name="typeInfo">The type's metadata.</param>
    /// <param name="propertyName">Supplied by the compiler.</param>
    protected void SetProperty<T>(T? value, JsonTypeInfo<T> typeInfo, [CallerMemberName] string propertyName = "")
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        _bag.SetRaw(Shape.KeyOf(propertyName), value is null ? null : System.Text.Json.JsonSerializer.SerializeToNode(value, typeInfo));
    }

    private T Writable<T>(T value) => IsReadOnly
        ? throw new InvalidOperationException(PropertyBag.ReadOnlyMessage)
        : value;

    /// <summary>A field's value as its typed property reads it (its default when nothing is stored); null when no property declares it.</summary>
    internal object? ReadField(string fieldName)
    {
        var property = GetType().GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
            .FirstOrDefault(p => System.Reflection.CustomAttributeExtensions.GetCustomAttribute<Fields.FieldAttribute>(p) is { } a
                && string.Equals(a.Name ?? SnakeCase.Convert(p.Name), fieldName, StringComparison.Ordinal));
        return property?.GetValue(this);
    }

    internal void AttachShape(IntegrationTypeShape shape) => _shape = shape;

    internal void ReplaceBag(PropertyBag bag)
    {
        _bag = bag;
    }

    internal string KeyOf(string name) => Shape.KeyOf(name);
}
