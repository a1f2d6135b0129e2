using System.Text.Json;
using CustomerTimeline.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Privacy;

internal sealed class ProfileExportSection : ICustomerExportSection
{
    public string Name => "profile";

    public async Task WriteAsync(ExportWriter writer, TimelineDbContext db, long customerId, CancellationToken cancellationToken)
    {
        var profile = await db.Customers.Where(c => c.Id == customerId)
            .Select(c => new { c.DisplayName, c.PrimaryEmail, c.Phone, c.Company, c.CreatedAt, c.UpdatedAt })
            .FirstOrDefaultAsync(cancellationToken);
        JsonSerializer.Serialize(writer.Json, profile, ExportJson.Options);
    }
}
