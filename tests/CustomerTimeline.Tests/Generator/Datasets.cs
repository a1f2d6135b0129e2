using CustomerTimeline.Api.Generator;

namespace CustomerTimeline.Tests.Generator;

/// <summary>Datasets shared by the read-only generator tests, generated once per test run.</summary>
internal static class Datasets
{
    public static readonly GeneratorOptions MediumOptions = new() { TargetEvents = 20_000 };

    private static readonly Lazy<IReadOnlyList<GeneratedCustomer>> LazyMedium =
        new(() => new DataGenerator(MediumOptions).Generate().ToList());

    /// <summary>20,000 events, 200 customers.</summary>
    public static IReadOnlyList<GeneratedCustomer> Medium => LazyMedium.Value;

    /// <summary>A copy of a generated event, for tests that enrich or score it: the datasets are shared.</summary>
    public static Api.Data.TimelineEvent Copy(Api.Data.TimelineEvent e) => new()
    {
        Id = e.Id, CustomerId = e.CustomerId, Source = e.Source, SourceRecordId = e.SourceRecordId, Kind = e.Kind,
        OccurredAt = e.OccurredAt, Channel = e.Channel, Title = e.Title, Summary = e.Summary, Details = e.Details,
        SourceUpdatedAt = e.SourceUpdatedAt,
    };
}
