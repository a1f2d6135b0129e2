using GraphQL.Types;

namespace CustomerTimeline.Api.Journey;

public sealed class JourneyStatsFilterInputGraphType : InputObjectGraphType<JourneyStatsFilter>
{
    public JourneyStatsFilterInputGraphType()
    {
        Name = "JourneyStatsFilter";
        Description = "Restricts journey stats. from/to keep the customers who first reached the stage or touchpoint in that window; company and scoreBand restrict every count, the total included.";
        Field<DateTimeOffsetGraphType>("from").Description("First reached at or after this instant.");
        Field<DateTimeOffsetGraphType>("to").Description("First reached strictly before this instant.");
        Field<StringGraphType>("company").Description("Only customers of this company: its whole name, ignoring case, accents and surrounding spaces.");
        Field<EnumerationGraphType<ScoreBand>>("scoreBand").Description("Only customers whose experience score is in this band.");
    }
}
