using Integrations.Samples.Web.Data;

namespace Integrations.Samples.Web.Api;

/// <summary>What every project route starts with: the project (404 when unknown), the parameters (400 when unreadable) and the required ones (400 when missing).</summary>
/// <param name="Project">The project the route names.</param>
/// <param name="Parameters">The request's parameters.</param>
internal sealed record ProjectRequest(Project Project, ApiParameters Parameters)
{
    public static async Task<(ProjectRequest? Request, IResult? Error)> ReadAsync(HttpContext http, ForgeDbContext db, string id, params string[] required)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (await ForgeScopes.FindProjectAsync(db, id, http.RequestAborted) is not { } project)
        {
            return (null, ApiResults.NotFound("Project"));
        }

        var (parameters, error) = await ApiParameters.ReadAsync(http.Request, http.RequestAborted);
        if (parameters is null)
        {
            return (null, error);
        }

        foreach (var name in required)
        {
            if (string.IsNullOrWhiteSpace(parameters.Text(name)))
            {
                return (null, ApiResults.Missing(name));
            }
        }

        return (new ProjectRequest(project, parameters), null);
    }
}
