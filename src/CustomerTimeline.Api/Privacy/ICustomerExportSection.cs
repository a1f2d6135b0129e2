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

    /// <summary>
    /// Writes the section's one JSON value to <see cref="ExportWriter.Json"/>. Written as it is read, not built as a
    /// tree first, and sent on with <see cref="ExportWriter.FlushIfFullAsync"/> as it goes: a customer with tens of
    /// thousands of events is exported without holding them all.
    /// </summary>
    Task WriteAsync(ExportWriter writer, TimelineDbContext db, long customerId, CancellationToken cancellationToken);
}
