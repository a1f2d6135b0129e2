namespace CustomerTimeline.Api.Journey;

/// <summary>The active map version with its parsed definition and classifier, shared by every request.</summary>
public sealed record ActiveJourneyMap(int Version, DateTimeOffset CreatedAt, JourneyMapDefinition Definition, JourneyClassifier Classifier)
{
    public IReadOnlyDictionary<string, int> StageOrder { get; } = JourneyAggregator.StageOrder(Definition);
}
