using CustomerTimeline.Api.Timeline;
using GraphQL.Types;

namespace CustomerTimeline.Api.Journey;

public sealed class FrictionPointGraphType : ObjectGraphType<FrictionPoint>
{
    public FrictionPointGraphType()
    {
        Name = "FrictionPoint";
        Description = "Where the journey hurts: a negative event, or a stall in the stage.";
        Field<NonNullGraphType<EnumerationGraphType<FrictionKind>>>("kind").Resolve(ctx => ctx.Source.Kind);
        Field(f => f.At);
        Field(f => f.Reason);
        Field<TimelineEventInterface>("event").Resolve(ctx => ctx.Source.Event);
    }
}
