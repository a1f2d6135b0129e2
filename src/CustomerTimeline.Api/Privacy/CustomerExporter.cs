using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Relay;
using CustomerTimeline.Api.Security;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Privacy;

/// <summary>
/// Builds the machine-readable export of one customer (format "customer-timeline-export/1") from every
/// registered <see cref="ICustomerExportSection"/>, and records the request and its audit row together.
/// </summary>
public sealed class CustomerExporter(
    TimelineDbContext db, IEnumerable<ICustomerExportSection> sections, AuditLog audit, PiiReadAuditWriter piiReads, TimeProvider time)
{
    public const string Format = "customer-timeline-export/1";

    public async Task<CustomerExport> ExportAsync(long customerId, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, cancellationToken))
            throw new NotFoundError("No customer has this id (it may have been erased).");
        // Reads still queued or in the journal happened before this export: their audit rows go first.
        await piiReads.FlushAsync(cancellationToken);

        var request = new PrivacyRequest
        {
            Kind = PrivacyRequestKind.Export,
            CustomerId = customerId,
            Status = PrivacyRequestStatus.Requested,
            RequestedAt = time.GetUtcNow(),
            RequestedByTenantId = caller.TenantId,
            RequestedByObjectId = caller.ObjectId,
        };

        // Pooled segments, not one array doubling as the document grows (each step a large object that only a full
        // collection frees); decoded once into the answer's text.
        var document = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        await using (var writer = new Utf8JsonWriter(document.Writer))
        {
            writer.WriteStartObject();
            writer.WriteString("format", Format);
            writer.WriteString("exportedAt", request.RequestedAt);
            writer.WriteString("customerId", GlobalId.Encode(GlobalId.CustomerType, customerId));
            writer.WriteStartObject("sections");
            foreach (var section in sections)
            {
                writer.WritePropertyName(section.Name);
                await section.WriteAsync(writer, db, customerId, cancellationToken);
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        await document.Writer.CompleteAsync();
        var written = await document.Reader.ReadAsync(cancellationToken);
        var text = Encoding.UTF8.GetString(written.Buffer);
        await document.Reader.CompleteAsync();

        // The request row and its audit row are written in one SaveChanges (one transaction), once the document exists.
        request.Status = PrivacyRequestStatus.Completed;
        request.CompletedAt = time.GetUtcNow();
        db.PrivacyRequests.Add(request);
        audit.Add(caller, AuditOperation.Export, customerId, AuditOutcome.Succeeded, request);
        await db.SaveChangesAsync(cancellationToken);
        return new CustomerExport(request, text);
    }
}
