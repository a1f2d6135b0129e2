using System.Text.Json;
using System.Text.Json.Nodes;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Relay;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Privacy;

/// <summary>Every event of the customer, oldest first, with its typed details as a JSON object.</summary>
internal sealed class TimelineExportSection : ICustomerExportSection
{
    public string Name => "timeline";

    public async Task<JsonNode?> ReadAsync(TimelineDbContext db, long customerId, CancellationToken cancellationToken)
    {
        var events = await db.Events.Where(e => e.CustomerId == customerId)
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);
        var array = new JsonArray();
        foreach (var e in events)
        {
            var item = JsonSerializer.SerializeToNode(new
            {
                Id = GlobalId.Encode(GlobalId.EventType, e.Id),
                e.Source,
                e.SourceRecordId,
                e.Kind,
                e.OccurredAt,
                e.Channel,
                e.Title,
                e.Summary,
                e.Sentiment,
                e.StageKey,
                e.TouchpointKey,
            }, ExportJson.Options)!.AsObject();
            item["details"] = ParseDetails(e.Details);
            array.Add(item);
        }
        return array;
    }

    // Details are stored as JSON; a row that cannot be parsed is exported as its raw text rather than dropped.
    private static JsonNode? ParseDetails(string details)
    {
        try
        {
            return JsonNode.Parse(details);
        }
        catch (JsonException)
        {
            return JsonValue.Create(details);
        }
    }
}
