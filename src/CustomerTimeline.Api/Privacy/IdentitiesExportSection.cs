using System.Text.Json;
using CustomerTimeline.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Privacy;

internal sealed class IdentitiesExportSection : ICustomerExportSection
{
    public string Name => "identities";

    public async Task WriteAsync(ExportWriter writer, TimelineDbContext db, long customerId, CancellationToken cancellationToken)
    {
        var identities = await db.Identities.Where(i => i.CustomerId == customerId)
            .OrderBy(i => i.Kind).ThenBy(i => i.Value)
            .Select(i => new { i.Kind, i.Value, i.Source, i.FirstSeenAt })
            .ToListAsync(cancellationToken);
        JsonSerializer.Serialize(writer.Json, identities, ExportJson.Options);
    }
}
