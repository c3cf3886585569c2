using System.Globalization;
using System.Text;
using Integrations.Samples.Web.Api;
using Integrations.Samples.Web.Data;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.EntityFrameworkCore;
using static Integrations.Samples.Web.Ui.Html;

namespace Integrations.Samples.Web.Ui;

/// <summary>Sign-in with an API token, sign-out, and the home page listing the forge's groups and projects.</summary>
internal static class SignInPages
{
    public static void MapSignInPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ui/sign-in", (HttpContext http, string? @return) => SignInForm(http, @return, null, 200));
        app.MapPost("/ui/sign-in", async (HttpContext http, ForgeDbContext db, IAntiforgery antiforgery) =>
        {
            await antiforgery.ValidateRequestAsync(http);
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var token = form["token"].ToString().Trim();
            var back = form["return"].ToString();
            var hash = ApiAuth.Hash(token);
            var user = token.Length == 0 ? null : await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.TokenHash == hash, http.RequestAborted);
            if (user is null)
            {
                return SignInForm(http, back, "That token does not belong to any user.", 401);
            }

            UiSession.SignIn(http, user);
            return Results.Redirect(back.StartsWith("/ui", StringComparison.Ordinal) && !back.StartsWith("/ui/sign-", StringComparison.Ordinal) ? back : "/ui");
        });
        app.MapPost("/ui/sign-out", async (HttpContext http, IAntiforgery antiforgery) =>
        {
            await antiforgery.ValidateRequestAsync(http);
            UiSession.SignOut(http);
            return Results.Redirect("/ui/sign-in");
        });
    }

    public static void MapHomePage(this RouteGroupBuilder ui) =>
        ui.MapGet("/", async (HttpContext http, ForgeDbContext db) =>
        {
            var html = new StringBuilder("<h1>Integrations and webhooks</h1><p>Choose where to set them up.</p><ul>");
            if (http.User().IsAdmin)
            {
                html.Append("<li><a href=\"/ui/admin/integrations\">The instance</a> (<a href=\"/ui/admin/hooks\">system hooks</a>)</li>");
            }

            foreach (var group in await db.Groups.AsNoTracking().OrderBy(g => g.Id).ToListAsync(http.RequestAborted))
            {
                var id = group.Id.ToString(CultureInfo.InvariantCulture);
                html.Append(CultureInfo.InvariantCulture, $"<li>Group <a href=\"/ui/groups/{id}/integrations\">{E(group.Name)}</a> (<a href=\"/ui/groups/{id}/hooks\">webhooks</a>)</li>");
            }

            foreach (var project in await db.Projects.AsNoTracking().OrderBy(p => p.Id).ToListAsync(http.RequestAborted))
            {
                var id = project.Id.ToString(CultureInfo.InvariantCulture);
                html.Append(CultureInfo.InvariantCulture, $"<li>Project <a href=\"/ui/projects/{id}/integrations\">{E(project.Name)}</a> (<a href=\"/ui/projects/{id}/hooks\">webhooks</a>)</li>");
            }

            return Page("Home", http.User().Name, html.Append("</ul>").ToString());
        });

    private static IResult SignInForm(HttpContext http, string? back, string? error, int status)
    {
        var html = new StringBuilder("<h1>Sign in</h1>");
        if (error is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"banner\" role=\"alert\">{E(error)}</div>");
        }

        html.Append("<form method=\"post\" action=\"/ui/sign-in\">").Append(Antiforgery(http))
            .Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"return\" value=\"{E(back)}\">")
            .Append("<div class=\"field\"><label for=\"token\">API token</label><p class=\"help\" id=\"token-help\">The administrator's or developer's token the forge printed on first run.</p>")
            .Append("<input type=\"password\" id=\"token\" name=\"token\" autocomplete=\"current-password\" aria-describedby=\"token-help\"></div>")
            .Append("<button type=\"submit\">Sign in</button></form>");
        return Page("Sign in", null, html.ToString(), status);
    }
}
