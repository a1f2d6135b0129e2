using System.Security.Cryptography;
using System.Text.Json;
using CustomerTimeline.Api.Generator;

namespace CustomerTimeline.Tests.Generator;

/// <summary>SHA-256 over a canonical JSON rendering of everything a generator produced.</summary>
internal static class DatasetFingerprint
{
    public static string Compute(IEnumerable<GeneratedCustomer> customers)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var g in customers)
        {
            var c = g.Customer;
            var canonical = new
            {
                c.Id, c.DisplayName, c.PrimaryEmail, c.Phone, c.Company, Created = c.CreatedAt.UtcTicks,
                Updated = c.UpdatedAt.UtcTicks, c.SearchText,
                Identities = g.Identities.Select(i => new { i.CustomerId, i.Kind, i.Value, i.Source, Seen = i.FirstSeenAt.UtcTicks }),
                Events = g.Events.Select(e => new
                {
                    e.Id, e.CustomerId, e.Source, e.SourceRecordId, e.Kind, At = e.OccurredAt.UtcTicks, e.Channel, e.Title,
                    e.Summary, e.Sentiment, e.StageKey, e.TouchpointKey, Updated = e.SourceUpdatedAt.UtcTicks, e.Details,
                }),
                Patterns = g.Patterns.Order(),
            };
            hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(canonical));
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
