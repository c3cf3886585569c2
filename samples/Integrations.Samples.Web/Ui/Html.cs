using System.Text;
using System.Text.Encodings.Web;

namespace Integrations.Samples.Web.Ui;

/// <summary>Small helpers for server-rendered pages: every piece of data goes through <see cref="E"/> (HTML encoding).</summary>
internal static class Html
{
    /// <summary>Encodes text for HTML content and attribute values.</summary>
    public static string E(string? text) => HtmlEncoder.Default.Encode(text ?? string.Empty);

    /// <summary>Encodes one URL path segment.</summary>
    public static string Seg(string text) => Uri.EscapeDataString(text);

    /// <summary>A whole page: the layout with a skip link, navigation, the signed-in user and the main content.</summary>
    public static IResult Page(string title, string? userName, string body, int status = 200)
    {
        var page = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(title)).Append(" · Sample forge</title><style>").Append(Css).Append("</style></head><body>")
            .Append("<a class=\"skip\" href=\"#main\">Skip to content</a>")
            .Append("<header><nav aria-label=\"Main\"><a href=\"/ui\">Sample forge</a>")
            .Append(userName is null ? string.Empty : $"<span class=\"user\">Signed in as {E(userName)}</span><form method=\"post\" action=\"/ui/sign-out\" class=\"inline\"><button type=\"submit\">Sign out</button></form>")
            .Append("</nav></header><main id=\"main\">").Append(body).Append("</main></body></html>");
        return Results.Content(page.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>The hidden antiforgery field every form posts.</summary>
    public static string Antiforgery(HttpContext http)
    {
        var tokens = http.RequestServices.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>().GetAndStoreTokens(http);
        return $"<input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken)}\">";
    }

    private const string Css = """
        body{font-family:system-ui,sans-serif;margin:0;color:#1f1f1f;background:#fff;line-height:1.45}
        header{background:#292961;padding:.6rem 1rem}header a,header .user{color:#fff;margin-right:1rem}
        header button{background:#fff;color:#292961;border:0;padding:.2rem .6rem;border-radius:3px}
        main{max-width:60rem;margin:1rem auto;padding:0 1rem}
        .skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:#fff;color:#000;padding:.3rem}
        a{color:#1f5fbf}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem;border-bottom:1px solid #ccc;vertical-align:top}
        fieldset{border:1px solid #bbb;margin:0 0 1rem;padding:.6rem 1rem}legend{font-weight:600}
        .field{margin:.6rem 0}.field label{display:block;font-weight:600}.check{margin:.3rem 0}.check label,.field .check label{display:inline;font-weight:normal}.help{color:#4a4a4a;font-size:.9rem;margin:.1rem 0}
        input[type=text],input[type=password],input[type=number],input[type=url],textarea,select{width:100%;max-width:36rem;padding:.35rem;border:1px solid #767676;border-radius:3px;font:inherit}
        .filters select,.filters input,select.inline-select{width:auto}.inline-label{margin-right:.3rem}.error{color:#a4000f;font-weight:600}.invalid input,.invalid textarea,.invalid select{border-color:#a4000f}
        .banner{border:2px solid #a4000f;background:#fff4f4;padding:.6rem 1rem;margin:1rem 0}
        .notice{border:2px solid #1d6b2f;background:#f1fbf3;padding:.6rem 1rem;margin:1rem 0}
        .failed{border-color:#a4000f;background:#fff4f4}
        .inherited{color:#4a4a4a;font-size:.9rem}.inline{display:inline}
        button{font:inherit;padding:.35rem .9rem;border:1px solid #292961;background:#292961;color:#fff;border-radius:3px;cursor:pointer}
        button.secondary{background:#fff;color:#292961}.actions button{margin-right:.5rem}
        .status-active{color:#1d6b2f;font-weight:600}.status-off{color:#4a4a4a}
        pre{white-space:pre-wrap;word-break:break-all;background:#f4f4f4;padding:.5rem;max-height:20rem;overflow:auto}
        """;
}
