using Integrations.Samples.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Samples.Web.Api;

/// <summary>
/// The integer ids GitLab clients expect, for the library's GUIDs: one row per integration or delivery, made the first
/// time a client sees it. Safe with several instances: a lost race reads the winner's number.
/// </summary>
internal static class Numbers
{
    public static async Task<long> OfIntegrationAsync(ForgeDbContext db, Guid integrationId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var existing = await db.IntegrationNumbers.AsNoTracking().Where(n => n.IntegrationId == integrationId).Select(n => (long?)n.Id).SingleOrDefaultAsync(cancellationToken);
            if (existing is { } id)
            {
                return id;
            }

            var row = new IntegrationNumber { IntegrationId = integrationId };
            db.IntegrationNumbers.Add(row);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return row.Id;
            }
            catch (DbUpdateException) when (attempt < 2)
            {
                db.Entry(row).State = EntityState.Detached;
            }
        }
    }

    public static async Task<Guid?> IntegrationOfAsync(ForgeDbContext db, long number, CancellationToken cancellationToken) =>
        await db.IntegrationNumbers.AsNoTracking().Where(n => n.Id == number).Select(n => (Guid?)n.IntegrationId).SingleOrDefaultAsync(cancellationToken);

    public static async Task<long> OfDeliveryAsync(ForgeDbContext db, Guid deliveryId, Guid integrationId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var existing = await db.DeliveryNumbers.AsNoTracking().Where(n => n.DeliveryId == deliveryId).Select(n => (long?)n.Id).SingleOrDefaultAsync(cancellationToken);
            if (existing is { } id)
            {
                return id;
            }

            var row = new DeliveryNumber { DeliveryId = deliveryId, IntegrationId = integrationId };
            db.DeliveryNumbers.Add(row);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return row.Id;
            }
            catch (DbUpdateException) when (attempt < 2)
            {
                db.Entry(row).State = EntityState.Detached;
            }
        }
    }

    public static async Task<DeliveryNumber?> DeliveryOfAsync(ForgeDbContext db, long number, CancellationToken cancellationToken) =>
        await db.DeliveryNumbers.AsNoTracking().SingleOrDefaultAsync(n => n.Id == number, cancellationToken);
}
