using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using CustomerTimeline.Api.Customers;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Relay;
using CustomerTimeline.Api.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Privacy;

/// <summary>
/// Builds the machine-readable export of one customer (format "customer-timeline-export/1") from every
/// registered <see cref="ICustomerExportSection"/>, records the request and its audit row together, and checks and
/// audits the downloads that stream it.
/// </summary>
public sealed class CustomerExporter(
    TimelineDbContext db, IEnumerable<ICustomerExportSection> sections, AuditLog audit, PiiReadAuditWriter piiReads,
    IOptions<ExportOptions> options, TimeProvider time)
{
    public const string Format = "customer-timeline-export/1";
    public const string DownloadRoute = "/privacy/exports/{id}";

    public static string DownloadPath(long requestId) =>
        "/privacy/exports/" + GlobalId.Encode(PrivacyRequestGraphType.IdType, requestId);

    /// <summary>Records an export request; with <paramref name="inline"/>, answers its document too when small enough.</summary>
    public async Task<CustomerExport> ExportAsync(long customerId, Caller caller, bool inline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
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

        // One snapshot from the existence check to the last section: an erasure committed meanwhile cannot leave a
        // profile beside an empty timeline.
        string? text = null, refusal = null;
        await using (await ReadSnapshot.BeginAsync(db, cancellationToken))
        {
            if (!await db.Customers.AnyAsync(c => c.Id == customerId, cancellationToken))
                throw await CustomerMergedError.OrNotFoundAsync(db, customerId, "export", "No customer has this id (it may have been erased).", cancellationToken);
            if (inline)
            {
                var events = await db.Events.CountAsync(e => e.CustomerId == customerId, cancellationToken);
                var limit = options.Value.InlineEventLimit;
                if (events > limit)
                {
                    refusal = string.Create(CultureInfo.InvariantCulture,
                        $"This customer has {events:N0} events, more than the {limit:N0} an inline document holds (Privacy:Export:InlineEventLimit): download the export from downloadUrl.");
                }
                else
                {
                    text = await BuildTextAsync(customerId, request.RequestedAt, cancellationToken);
                }
            }
        }

        // The request row and its audit row are written in one SaveChanges (one transaction), once the document exists.
        request.Status = PrivacyRequestStatus.Completed;
        request.CompletedAt = time.GetUtcNow();
        db.PrivacyRequests.Add(request);
        audit.Add(caller, AuditOperation.Export, customerId, AuditOutcome.Succeeded, request);
        await db.SaveChangesAsync(cancellationToken);
        return new CustomerExport(request, text, refusal);
    }

    /// <summary>
    /// Checks a download of a completed export request, writes its audit row before anything is sent, and opens the
    /// snapshot its document is read in (dispose the answer when the document is written): the customer to stream, or
    /// why not (the request is unknown, its customer erased, or its address expired).
    /// </summary>
    public async Task<ExportDownload> BeginDownloadAsync(long requestId, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var request = await db.PrivacyRequests.AsNoTracking().FirstOrDefaultAsync(
            r => r.Id == requestId && r.Kind == PrivacyRequestKind.Export && r.Status == PrivacyRequestStatus.Completed,
            cancellationToken);
        if (request is null) return ExportDownload.NotFound;
        if (!await db.Customers.AnyAsync(c => c.Id == request.CustomerId, cancellationToken))
        {
            return await MergedCustomers.SurvivorOfAsync(db, request.CustomerId, cancellationToken) is { } survivor
                ? new ExportDownload(ExportDownloadStatus.Merged, survivor)
                : ExportDownload.NotFound;
        }
        if (time.GetUtcNow() > request.RequestedAt.AddHours(options.Value.DownloadValidHours))
            return ExportDownload.Expired;

        // The audit row is a write, so it goes before the read snapshot opens.
        var entry = audit.Add(caller, AuditOperation.ExportDownload, request.CustomerId, AuditOutcome.Succeeded, request);
        await db.SaveChangesAsync(cancellationToken);
        var snapshot = await ReadSnapshot.BeginAsync(db, cancellationToken);
        if (await db.Customers.AnyAsync(c => c.Id == request.CustomerId, cancellationToken))
            return new ExportDownload(ExportDownloadStatus.Ready, request.CustomerId, snapshot);

        // Erased between the check and the snapshot: nothing is sent, and the audit row says so.
        await snapshot.DisposeAsync();
        entry.Outcome = AuditOutcome.Failed;
        await db.SaveChangesAsync(cancellationToken);
        return ExportDownload.NotFound;
    }

    /// <summary>
    /// Writes the whole document into <paramref name="output"/>, flushing it as the sections go: into a response, it
    /// is sent while the rows are read and never held whole.
    /// </summary>
    public async Task WriteDocumentAsync(PipeWriter output, long customerId, DateTimeOffset exportedAt, CancellationToken cancellationToken)
    {
        await using var export = new ExportWriter(output);
        var writer = export.Json;
        writer.WriteStartObject();
        writer.WriteString("format", Format);
        writer.WriteString("exportedAt", exportedAt);
        writer.WriteString("customerId", GlobalId.Encode(GlobalId.CustomerType, customerId));
        writer.WriteStartObject("sections");
        foreach (var section in sections)
        {
            writer.WritePropertyName(section.Name);
            await section.WriteAsync(export, db, customerId, cancellationToken);
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
        await export.FlushAsync(cancellationToken);
    }

    // Pooled segments, not one array doubling as the document grows (each step a large object that only a full
    // collection frees); decoded once into the answer's text.
    private async Task<string> BuildTextAsync(long customerId, DateTimeOffset exportedAt, CancellationToken cancellationToken)
    {
        var document = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        await WriteDocumentAsync(document.Writer, customerId, exportedAt, cancellationToken);
        await document.Writer.CompleteAsync();
        var written = await document.Reader.ReadAsync(cancellationToken);
        var text = Encoding.UTF8.GetString(written.Buffer);
        await document.Reader.CompleteAsync();
        return text;
    }
}
