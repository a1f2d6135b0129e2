using System.Text.Json;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Privacy;
using CustomerTimeline.Api.Relay;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Customers;

/// <summary>
/// The export's "mergeHistory": the customers merged into this one and the record that linked each, with the keys
/// as stored (masked), oldest first.
/// </summary>
internal sealed class MergeHistoryExportSection : ICustomerExportSection
{
    public string Name => "mergeHistory";

    public async Task WriteAsync(ExportWriter writer, TimelineDbContext db, long customerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(db);
        var merges = await db.MergeRecords.AsNoTracking().Where(m => m.SurvivorCustomerId == customerId)
            .OrderBy(m => m.MergedAt).ThenBy(m => m.Id)
            .ToListAsync(cancellationToken);
        JsonSerializer.Serialize(writer.Json, merges.Select(m => new
        {
            MergedCustomerId = GlobalId.Encode(GlobalId.CustomerType, m.MergedCustomerId),
            m.MergedAt,
            m.Source,
            m.RecordId,
            m.MatchedKeyKind,
            m.MatchedKeyMasked,
            m.SurvivorKeyKind,
            m.SurvivorKeyMasked,
        }), ExportJson.Options);
    }
}
