using CustomerTimeline.Api.Insights;

namespace CustomerTimeline.Api.Journey;

/// <summary>One customer's journey laid over the active map, as GraphQL resolves it.</summary>
public sealed record CustomerJourneyView(
    long CustomerId, ActiveJourneyMap Map, CustomerSummary? Summary, IReadOnlyList<CustomerJourneyStage> Stages, IReadOnlyList<CustomerSignal> OpenSignals)
{
    public string? CurrentStageKey => Stages.Where(s => Map.StageOrder.ContainsKey(s.StageKey)).MaxBy(s => Map.StageOrder[s.StageKey])?.StageKey;

    /// <summary>The furthest stage reached; null before any classified event.</summary>
    public StageView? CurrentStage => CurrentStageKey is { } key ? new StageView(Map, Map.Definition.Stages[Map.StageOrder[key]], Map.StageOrder[key]) : null;

    /// <summary>Stages before the current one that the customer never reached.</summary>
    public IEnumerable<StageView> SkippedStages => Overlay().Where(o => o.Skipped).Select(o => new StageView(Map, o.Stage, o.Order));

    public IEnumerable<StageOverlay> Overlay()
    {
        var current = CurrentStageKey;
        var currentOrder = current is null ? -1 : Map.StageOrder[current];
        var rows = Stages.ToDictionary(s => s.StageKey, StringComparer.Ordinal);
        return Map.Definition.Stages.Select((stage, i) =>
        {
            var row = rows.GetValueOrDefault(stage.Key);
            return new StageOverlay(this, stage, i, row, Skipped: row is null && i < currentOrder, Current: stage.Key == current);
        });
    }
}
