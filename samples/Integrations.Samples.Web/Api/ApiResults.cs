using System.Text.Json.Nodes;
using Integrations.Validation;

namespace Integrations.Samples.Web.Api;

/// <summary>Responses in GitLab's shapes: <c>{"message": …}</c> and <c>{"error": …}</c>.</summary>
internal static class ApiResults
{
    public static IResult Json(JsonNode node, int status = 200) =>
        Results.Text(node.ToJsonString(), "application/json", System.Text.Encoding.UTF8, status);

    public static IResult Message(int status, string message) => Json(new JsonObject { ["message"] = message }, status);

    public static IResult Error(int status, string error) => Json(new JsonObject { ["error"] = error }, status);

    public static IResult NotFound(string what) => Message(404, $"404 {what} Not Found");

    public static IResult Missing(string parameter) => Error(400, $"{parameter} is missing");

    /// <summary>GitLab's <c>render_validation_error!</c>: 400 with the errors by field.</summary>
    public static IResult Invalid(IntegrationValidationException refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        return Json(new JsonObject { ["message"] = Errors(refused) }, 400);
    }

    public static JsonObject Errors(IntegrationValidationException refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        var errors = new JsonObject();
        foreach (var (field, messages) in refused.Errors)
        {
            errors[field] = new JsonArray(messages.Select(m => (JsonNode?)m).ToArray());
        }

        return errors;
    }
}
