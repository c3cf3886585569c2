using System.Globalization;
using System.Text.Json.Nodes;

namespace Integrations.Samples.Web.Api;

/// <summary>GitLab's offset pagination: <c>page</c> and <c>per_page</c> in, <c>X-Page</c>, <c>X-Total</c>, <c>Link</c>, … out.</summary>
internal static class Paging
{
    public static IResult Page(HttpContext context, IReadOnlyList<JsonNode> items, int defaultPerPage = 20)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(items);
        var query = context.Request.Query;
        var page = Math.Max(1, int.TryParse(query["page"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : 1);
        var perPage = Math.Clamp(int.TryParse(query["per_page"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var pp) ? pp : defaultPerPage, 1, 100);
        var totalPages = Math.Max(1, (items.Count + perPage - 1) / perPage);
        var headers = context.Response.Headers;
        headers["X-Page"] = page.ToString(CultureInfo.InvariantCulture);
        headers["X-Per-Page"] = perPage.ToString(CultureInfo.InvariantCulture);
        headers["X-Total"] = items.Count.ToString(CultureInfo.InvariantCulture);
        headers["X-Total-Pages"] = totalPages.ToString(CultureInfo.InvariantCulture);
        headers["X-Next-Page"] = page < totalPages ? (page + 1).ToString(CultureInfo.InvariantCulture) : string.Empty;
        headers["X-Prev-Page"] = page > 1 ? (page - 1).ToString(CultureInfo.InvariantCulture) : string.Empty;

        var links = new List<string>();
        string Link(int target, string rel) => $"<{UrlFor(context, target, perPage)}>; rel=\"{rel}\"";
        if (page > 1)
        {
            links.Add(Link(page - 1, "prev"));
        }

        if (page < totalPages)
        {
            links.Add(Link(page + 1, "next"));
        }

        links.Add(Link(1, "first"));
        links.Add(Link(totalPages, "last"));
        headers.Link = string.Join(", ", links);

        var slice = items.Skip((page - 1) * perPage).Take(perPage).Select(i => i.DeepClone()).ToArray();
        return ApiResults.Json(new JsonArray(slice));
    }

    private static string UrlFor(HttpContext context, int page, int perPage)
    {
        var request = context.Request;
        var query = request.Query.Where(q => q.Key is not ("page" or "per_page"))
            .Select(q => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(q.Value.ToString()))
            .Append("page=" + page.ToString(CultureInfo.InvariantCulture))
            .Append("per_page=" + perPage.ToString(CultureInfo.InvariantCulture));
        return $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}?{string.Join('&', query)}";
    }
}
