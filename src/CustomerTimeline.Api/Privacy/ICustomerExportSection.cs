using System.Text.Json.Nodes;
using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Privacy;

/// <summary>
/// One named part of a customer export. Features that store personal data (merge history, scores, ...) add a
/// section by registering another implementation; the exporter includes every registered section.
/// </summary>
public interface ICustomerExportSection
{
    /// <summary>Key of the section in the export's "sections" object.</summary>
    string Name { get; }

    Task<JsonNode?> ReadAsync(TimelineDbContext db, long customerId, CancellationToken cancellationToken);
}
