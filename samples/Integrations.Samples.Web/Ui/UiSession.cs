using Integrations.Samples.Web.Api;
using Integrations.Samples.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Samples.Web.Ui;

/// <summary>
/// The settings pages' sign-in: the user enters their API token once; the browser then keeps a protected,
/// HTTP-only cookie naming the user (never the token). Pages without it redirect to the sign-in page.
/// </summary>
internal static class UiSession
{
    public const string Cookie = "forge_ui";

    private const string Purpose = "Integrations.Samples.Web.Ui.Session";

    public static void SignIn(HttpContext http, ForgeUser user)
    {
        var protector = http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
        http.Response.Cookies.Append(Cookie, protector.Protect(user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = "/ui",
        });
    }

    public static void SignOut(HttpContext http) => http.Response.Cookies.Delete(Cookie, new CookieOptions { Path = "/ui" });

    /// <summary>Requires a signed-in user (redirects to the sign-in page otherwise) and sets it as the request's user.</summary>
    public static TBuilder RequireSignIn<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (await UserAsync(http) is not { } user)
            {
                return Results.Redirect("/ui/sign-in?return=" + Uri.EscapeDataString(http.Request.Path + http.Request.QueryString));
            }

            ApiAuth.SetUser(http, user);
            return await next(context);
        });

    private static async Task<ForgeUser?> UserAsync(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(Cookie, out var value))
        {
            return null;
        }

        try
        {
            var id = long.Parse(http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(value), System.Globalization.CultureInfo.InvariantCulture);
            return await http.RequestServices.GetRequiredService<ForgeDbContext>().Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, http.RequestAborted);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
