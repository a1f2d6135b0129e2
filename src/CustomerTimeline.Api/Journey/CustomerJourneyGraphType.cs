using GraphQL.Types;

namespace CustomerTimeline.Api.Journey;

public sealed class CustomerJourneyGraphType : ObjectGraphType<CustomerJourneyView>
{
    public CustomerJourneyGraphType()
    {
        Name = "CustomerJourney";
        Description = "The personal journey map: the global map with this customer's events laid over it.";
        Field<NonNullGraphType<IntGraphType>>("mapVersion").Resolve(ctx => ctx.Source.Map.Version);
        Field<JourneyStageGraphType>("currentStage").Description("The furthest stage reached; null before any classified event.")
            .Resolve(ctx => ctx.Source.CurrentStage);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CustomerStageGraphType>>>>("stages").Description("Every stage of the map, in order.")
            .Resolve(ctx => ctx.Source.Overlay());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<JourneyStageGraphType>>>>("skippedStages")
            .Description("Stages before the current one that the customer never reached.")
            .Resolve(ctx => ctx.Source.SkippedStages);
        Field<DateTimeOffsetGraphType>("computedAt").Resolve(ctx => ctx.Source.Summary?.ComputedAt);
    }
}
