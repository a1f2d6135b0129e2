using System.Text.Json;
using GraphQL.Types;

namespace CustomerTimeline.Api.Journey;

public sealed class JourneyRuleGraphType : ObjectGraphType<ClassificationRule>
{
    public JourneyRuleGraphType()
    {
        Name = "JourneyRule";
        Description = "A classification rule: events matching every condition of 'when' go to the touchpoint. Rules apply in order; the first match wins.";
        Field<StringGraphType>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("touchpoint").Resolve(ctx => ctx.Source.Touchpoint);
        Field<NonNullGraphType<StringGraphType>>("when").Description("The conditions as JSON, in the journey-map.json format.")
            .Resolve(ctx => JsonSerializer.Serialize(ctx.Source.When, JourneyMapDefinition.Json).ReplaceLineEndings(" "));
    }
}
