using System.Security.Cryptography;
using Integrations.Samples.Web.Api;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Samples.Web.Data;

/// <summary>
/// Creates the schema and, on first run, a small demo forge: group <c>acme</c> with subgroup <c>platform</c>, three
/// projects with a few issues and merge requests, an administrator and a developer, each with an API token.
/// </summary>
internal static class ForgeSeeder
{
    /// <summary>The tokens made on first run (null when the forge already existed, or a token came from configuration).</summary>
    public sealed record FirstRun(string? AdminToken, string? DeveloperToken);

    public static async Task<FirstRun?> EnsureAsync(ForgeDbContext db, ForgeOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        await db.Database.EnsureCreatedAsync(cancellationToken);
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return null;
        }

        var adminToken = options.AdminToken ?? NewToken();
        var developerToken = options.DeveloperToken ?? NewToken();
        db.Users.Add(new ForgeUser { Username = "root", Name = "Administrator", IsAdmin = true, TokenHash = ApiAuth.Hash(adminToken) });
        db.Users.Add(new ForgeUser { Username = "ada", Name = "Ada Lovelace", TokenHash = ApiAuth.Hash(developerToken) });
        var acme = new Group { Name = "Acme", Path = "acme" };
        db.Groups.Add(acme);
        await db.SaveChangesAsync(cancellationToken);
        var platform = new Group { Name = "Platform", Path = "platform", ParentId = acme.Id };
        db.Groups.Add(platform);
        await db.SaveChangesAsync(cancellationToken);

        var billing = new Project { Name = "Billing API", Path = "billing-api", GroupId = platform.Id, Description = "Invoices and payments", ProtectedBranches = "main,release/*" };
        var shop = new Project { Name = "Web Shop", Path = "web-shop", GroupId = acme.Id, Description = "The storefront" };
        var docs = new Project { Name = "Docs", Path = "docs", GroupId = acme.Id, Description = "Handbook and guides" };
        db.Projects.AddRange(billing, shop, docs);
        await db.SaveChangesAsync(cancellationToken);

        var now = time.GetUtcNow();
        db.Issues.AddRange(
            new Issue { ProjectId = billing.Id, Iid = 1, Title = "Invoices round to the wrong cent", Labels = "bug", AuthorId = 2, CreatedAt = now, UpdatedAt = now },
            new Issue { ProjectId = billing.Id, Iid = 2, Title = "Rotate the payment provider key", Confidential = true, Labels = "security", AuthorId = 1, CreatedAt = now, UpdatedAt = now },
            new Issue { ProjectId = shop.Id, Iid = 1, Title = "Basket forgets items on refresh", Labels = "bug,frontend", AuthorId = 2, CreatedAt = now, UpdatedAt = now });
        db.MergeRequests.AddRange(
            new MergeRequest { ProjectId = billing.Id, Iid = 1, Title = "Round half to even", SourceBranch = "fix-rounding", TargetBranch = "main", AuthorId = 2, CreatedAt = now, UpdatedAt = now },
            new MergeRequest { ProjectId = docs.Id, Iid = 1, Title = "Describe webhooks", SourceBranch = "webhooks-page", TargetBranch = "main", AuthorId = 2, CreatedAt = now, UpdatedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        return new FirstRun(options.AdminToken is null ? adminToken : null, options.DeveloperToken is null ? developerToken : null);
    }

    private static string NewToken() => "glpat-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
