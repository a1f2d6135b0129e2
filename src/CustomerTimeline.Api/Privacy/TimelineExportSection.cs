using System.Text.Json;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Relay;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Privacy;

/// <summary>Every event of the customer, oldest first, with its typed details as a JSON object.</summary>
internal sealed class TimelineExportSection : ICustomerExportSection
{
    public string Name => "timeline";

    public async Task WriteAsync(ExportWriter output, TimelineDbContext db, long customerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var writer = output.Json;
        writer.WriteStartArray();
        // One row at a time: a customer's whole history is never held as entities.
        var events = db.Events.AsNoTracking().Where(e => e.CustomerId == customerId)
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
            .AsAsyncEnumerable();
        await foreach (var e in events.WithCancellation(cancellationToken))
        {
            writer.WriteStartObject();
            writer.WriteString("id", GlobalId.Encode(GlobalId.EventType, e.Id));
            writer.WriteString("source", e.Source.ToString());
            writer.WriteString("sourceRecordId", e.SourceRecordId);
            writer.WriteString("kind", e.Kind.ToString());
            writer.WriteString("occurredAt", e.OccurredAt);
            writer.WriteString("channel", e.Channel.ToString());
            writer.WriteString("title", e.Title);
            WriteStringOrNull(writer, "summary", e.Summary);
            if (e.Sentiment is { } sentiment) writer.WriteNumber("sentiment", sentiment);
            else writer.WriteNull("sentiment");
            WriteStringOrNull(writer, "stageKey", e.StageKey);
            WriteStringOrNull(writer, "touchpointKey", e.TouchpointKey);
            writer.WritePropertyName("details");
            WriteDetails(writer, e.Details);
            writer.WriteEndObject();
            await output.FlushIfFullAsync(cancellationToken);
        }
        writer.WriteEndArray();
    }

    private static void WriteStringOrNull(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null) writer.WriteNull(name);
        else writer.WriteString(name, value);
    }

    // Details are stored as JSON; a row that cannot be parsed is exported as its raw text rather than dropped.
    private static void WriteDetails(Utf8JsonWriter writer, string details)
    {
        try
        {
            writer.WriteRawValue(details);
        }
        catch (JsonException)
        {
            writer.WriteStringValue(details);
        }
    }
}
