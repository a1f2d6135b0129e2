namespace CustomerTimeline.Api.Generator;

/// <summary>A known story planted in a customer's data so scoring, flags and stages can be checked against it.</summary>
public enum PlantedPattern
{
    RepeatedProblem,
    Promoter,
    Detractor,
    AnonymousThenIdentified,
    StuckInStage,
}
