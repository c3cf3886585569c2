using System.Security.Cryptography;
using System.Text;
using Integrations.Samples.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Samples.Web.Api;

/// <summary>
/// GitLab's token authentication: <c>PRIVATE-TOKEN: …</c> or <c>Authorization: Bearer …</c>. 401 without a valid
/// token; 403 for a non-admin on admin routes.
/// </summary>
internal static class ApiAuth
{
    private const string UserKey = "forge.user";

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static ForgeUser User(this HttpContext context) => (ForgeUser)context.Items[UserKey]!;

    /// <summary>Sets the request's user (the settings pages sign in with a cookie instead of a token).</summary>
    public static void SetUser(HttpContext context, ForgeUser user) => context.Items[UserKey] = user;

    /// <summary>Requires a valid token; admin routes require an administrator's.</summary>
    public static TBuilder RequireToken<TBuilder>(this TBuilder builder, bool admin = false)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var token = http.Request.Headers["PRIVATE-TOKEN"].ToString();
            if (string.IsNullOrEmpty(token) && http.Request.Headers.Authorization.ToString() is { } authorization
                && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                token = authorization["Bearer ".Length..].Trim();
            }

            if (string.IsNullOrEmpty(token))
            {
                return ApiResults.Message(401, "401 Unauthorized");
            }

            var db = http.RequestServices.GetRequiredService<ForgeDbContext>();
            var hash = Hash(token);
            var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.TokenHash == hash, http.RequestAborted);
            if (user is null)
            {
                return ApiResults.Message(401, "401 Unauthorized");
            }

            if (admin && !user.IsAdmin)
            {
                return ApiResults.Message(403, "403 Forbidden");
            }

            http.Items[UserKey] = user;
            return await next(context);
        });
}
