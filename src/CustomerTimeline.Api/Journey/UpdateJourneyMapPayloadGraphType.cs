using GraphQL.Types;

namespace CustomerTimeline.Api.Journey;

public sealed class UpdateJourneyMapPayloadGraphType : ObjectGraphType<JourneyMapUpdateResult>
{
    public UpdateJourneyMapPayloadGraphType()
    {
        Name = "UpdateJourneyMapPayload";
        Description = "The active map after the update. When errors is not empty nothing was stored.";
        Field<NonNullGraphType<JourneyMapGraphType>>("map").Resolve(ctx => ctx.Source.Map);
        Field(r => r.Changed).Description("False when the map was refused or equal to the active one.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("errors")
            .Description("Why the map was refused; each message names the stage, touchpoint or rule at fault.")
            .Resolve(ctx => ctx.Source.Errors);
    }
}
