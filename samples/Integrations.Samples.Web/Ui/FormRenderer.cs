using System.Globalization;
using System.Text;
using Integrations.Fields;
using Integrations.Forms;
using static Integrations.Samples.Web.Ui.Html;

namespace Integrations.Samples.Web.Ui;

/// <summary>
/// Renders the library's <see cref="IntegrationForm"/> as an HTML form that works without JavaScript: every control
/// labelled, help and errors tied to it with <c>aria-describedby</c>, secrets never rendered, unchecked checkboxes
/// posted as <c>false</c> (a hidden field before each), inherited values shown beside an "inherit" checkbox.
/// </summary>
internal static class FormRenderer
{
    /// <param name="form">The form model.</param>
    /// <param name="names">How to name an ancestor scope ("group Platform").</param>
    /// <param name="ancestorDefines">Whether an ancestor configures this type, so fields can inherit.</param>
    /// <param name="canReset">Whether this scope has settings of its own to delete.</param>
    /// <param name="resetLabel">The label of the button that deletes the settings ("Reset" for integrations, "Delete webhook").</param>
    /// <param name="resetAction">The action it posts.</param>
    /// <param name="chooseTestEvent">Whether "Test settings" offers a choice of event (webhooks), sent as <c>test_event</c>.</param>
    public static string Render(HttpContext http, IntegrationForm form, Func<IntegrationScope, string> names, bool ancestorDefines, bool canReset,
        string resetLabel = "Reset", string resetAction = "reset", bool chooseTestEvent = false)
    {
        var html = new StringBuilder();
        var invalid = form.AllFields.Where(f => f.Errors.Count > 0).ToList();
        if (invalid.Count > 0 || form.FormErrors.Count > 0)
        {
            html.Append("<div class=\"banner\" role=\"alert\" id=\"errors\"><h2>The settings were not saved</h2><ul>");
            foreach (var field in invalid)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"#{E(field.InputId)}\">{E(field.Field.Title)}: {E(string.Join(" ", field.Errors))}</a></li>");
            }

            foreach (var error in form.FormErrors)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{E(error)}</li>");
            }

            html.Append("</ul></div>");
        }

        html.Append("<form method=\"post\" novalidate>").Append(Antiforgery(http))
            .Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"version\" value=\"{form.Version}\">");
        html.Append("<fieldset><legend>Status</legend>")
            .Append(Checkbox("active", "field-active", form.Active, "Active", null));
        if (form.CanUseDefaultSettings && ancestorDefines)
        {
            html.Append("<div class=\"field\" role=\"radiogroup\" aria-labelledby=\"defaults-label\"><span id=\"defaults-label\"><strong>Settings</strong></span>")
                .Append(Radio("use_default_settings", "defaults-yes", "true", form.UseDefaultSettings, "Use default settings (inherited)"))
                .Append(Radio("use_default_settings", "defaults-no", "false", !form.UseDefaultSettings, "Use custom settings"))
                .Append("</div>");
        }

        html.Append("</fieldset>");
        var eventsShown = false;
        foreach (var section in form.Sections)
        {
            html.Append(CultureInfo.InvariantCulture, $"<fieldset><legend>{E(section.Title)}</legend>");
            foreach (var field in section.Fields)
            {
                html.Append(Field(field, names, ancestorDefines));
            }

            if (section.Name == FieldSections.Trigger)
            {
                html.Append(Events(form, names, ancestorDefines));
                eventsShown = true;
            }

            html.Append("</fieldset>");
        }

        if (!eventsShown && form.Events.Count > 0)
        {
            html.Append("<fieldset><legend>Trigger</legend>").Append(Events(form, names, ancestorDefines)).Append("</fieldset>");
        }

        html.Append("<div class=\"actions\"><button type=\"submit\" name=\"action\" value=\"save\">Save changes</button>")
            .Append("<button type=\"submit\" name=\"action\" value=\"test\" class=\"secondary\">Test settings</button>");
        if (chooseTestEvent)
        {
            html.Append("<label for=\"test-event\" class=\"inline-label\">with a sample</label> <select id=\"test-event\" name=\"test_event\" class=\"inline-select\">");
            foreach (var @event in form.Events)
            {
                html.Append(CultureInfo.InvariantCulture, $"<option value=\"{E(IntegrationEventNames.GetName(@event.Event))}\">{E(@event.Label)} event</option>");
            }

            html.Append("</select> ");
        }

        if (canReset)
        {
            html.Append(CultureInfo.InvariantCulture, $"<button type=\"submit\" name=\"action\" value=\"{E(resetAction)}\" class=\"secondary\">{E(resetLabel)}</button>");
        }

        return html.Append("</div></form>").ToString();
    }

    private static string Events(IntegrationForm form, Func<IntegrationScope, string> names, bool ancestorDefines)
    {
        var html = new StringBuilder("<p class=\"help\">The events that send a notification.</p>");
        foreach (var @event in form.Events)
        {
            html.Append(Checkbox(@event.Name, "event-" + @event.Name, @event.Enabled, @event.Label, null));
            if (@event.Field is { } channel)
            {
                html.Append(Field(channel, names, ancestorDefines));
            }
        }

        return html.ToString();
    }

    private static string Field(IntegrationFormField field, Func<IntegrationScope, string> names, bool ancestorDefines)
    {
        var id = field.InputId;
        var described = new List<string>();
        var html = new StringBuilder().Append(field.Errors.Count > 0 ? "<div class=\"field invalid\">" : "<div class=\"field\">");
        var required = field.Required ? " <span aria-hidden=\"true\">*</span>" : string.Empty; // aria-required tells assistive technology
        if (field.Field.Type != FieldType.Checkbox)
        {
            html.Append(CultureInfo.InvariantCulture, $"<label for=\"{E(id)}\">{E(field.Label)}{required}</label>");
        }

        if (!string.IsNullOrEmpty(field.Help))
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"help\" id=\"{E(id)}-help\">{E(field.Help)}</p>");
            described.Add(id + "-help");
        }

        if (field.InheritedFrom is { } from)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"inherited\" id=\"{E(id)}-inherited\">Inherited from {E(names(from))}{(field.Field.IsSecretValue || field.Value is null ? string.Empty : ": " + E(field.Value))}</p>");
            described.Add(id + "-inherited");
        }

        foreach (var (error, i) in field.Errors.Select((e, i) => (e, i)))
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"error\" id=\"{E(id)}-error-{i}\">{E(error)}</p>");
            described.Add($"{id}-error-{i}");
        }

        var aria = (described.Count > 0 ? $" aria-describedby=\"{E(string.Join(' ', described))}\"" : string.Empty)
            + (field.Errors.Count > 0 ? " aria-invalid=\"true\"" : string.Empty)
            + (field.Required ? " aria-required=\"true\"" : string.Empty);
        var value = field.InheritedFrom is null ? field.Value : null;
        var name = E(field.Name);
        var placeholder = string.IsNullOrEmpty(field.Field.Placeholder) ? string.Empty : $" placeholder=\"{E(field.Field.Placeholder)}\"";
        html.Append(field.Field.Type switch
        {
            FieldType.Password => $"<input type=\"password\" id=\"{E(id)}\" name=\"{name}\" autocomplete=\"new-password\"{aria}>",
            FieldType.Textarea or FieldType.KeyValue => $"<textarea id=\"{E(id)}\" name=\"{name}\" rows=\"4\"{placeholder}{aria}>{E(value)}</textarea>",
            FieldType.Checkbox => Checkbox(field.Name, id, value == "true", field.Field.CheckboxLabel ?? field.Label, aria),
            FieldType.Select => $"<select id=\"{E(id)}\" name=\"{name}\"{aria}>"
                + string.Concat(field.Choices.Select(c => $"<option value=\"{E(c.Value)}\"{(c.Value == value ? " selected" : string.Empty)}>{E(c.Label)}</option>")) + "</select>",
            FieldType.Number => $"<input type=\"number\" id=\"{E(id)}\" name=\"{name}\" value=\"{E(value)}\"{Bound("min", field.Field.Min)}{Bound("max", field.Field.Max)}{aria}>",
            _ => $"<input type=\"text\" id=\"{E(id)}\" name=\"{name}\" value=\"{E(value)}\"{placeholder}{aria}>",
        });
        if (field.CanInherit && ancestorDefines)
        {
            html.Append(Checkbox("inherit_" + field.Name, id + "-inherit", field.InheritedFrom is not null, "Use the inherited value", null));
        }

        return html.Append("</div>").ToString();
    }

    private static string Checkbox(string name, string id, bool isChecked, string label, string? aria) =>
        $"<div class=\"check\"><input type=\"hidden\" name=\"{E(name)}\" value=\"false\"><input type=\"checkbox\" id=\"{E(id)}\" name=\"{E(name)}\" value=\"true\"{(isChecked ? " checked" : string.Empty)}{aria}> <label for=\"{E(id)}\">{E(label)}</label></div>";

    private static string Radio(string name, string id, string value, bool isChecked, string label) =>
        $"<div><input type=\"radio\" id=\"{E(id)}\" name=\"{E(name)}\" value=\"{E(value)}\"{(isChecked ? " checked" : string.Empty)}> <label for=\"{E(id)}\">{E(label)}</label></div>";

    private static string Bound(string name, double? bound) =>
        bound is { } b ? $" {name}=\"{b.ToString(CultureInfo.InvariantCulture)}\"" : string.Empty;
}
