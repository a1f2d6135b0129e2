using CustomerTimeline.Api.Journey;
using GraphQL;
using GraphQL.Types;

namespace CustomerTimeline.Api.Insights;

public sealed class ExperienceGraphType : ObjectGraphType<ExperienceView>
{
    public ExperienceGraphType()
    {
        Name = "Experience";
        Description = "The customer experience score 0-100 (docs/experience-score.md), its drivers and its trend.";
        Field<NonNullGraphType<FloatGraphType>>("score").Resolve(ctx => ctx.Source.Result.Score);
        Field<NonNullGraphType<EnumerationGraphType<ScoreBand>>>("band")
            .Description("LOW below Experience:LowBandBelow, HIGH from Experience:HighBandFrom, MEDIUM between.").Resolve(ctx => ctx.Source.Band);
        Field<NonNullGraphType<BooleanGraphType>>("priority").Description("An open high or critical signal: handle this customer first.")
            .Resolve(ctx => ctx.Source.Summary.Priority);
        Field<NonNullGraphType<BooleanGraphType>>("repeatedProblem").Description("Several contacts about the same problem in a short time.")
            .Resolve(ctx => ctx.Source.Summary.RepeatedProblem);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("repeatedProblems").Description("The problems (ticket tags) contacted about repeatedly.")
            .Resolve(ctx => ctx.Source.Result.RepeatedProblems);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("computedAt").Resolve(ctx => ctx.Source.Summary.ComputedAt);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ExperienceDriverGraphType>>>>("drivers")
            .Description("Every driver, or with 'top' the ones that cost the most points first.")
            .Argument<IntGraphType>("top", "Only the N drivers that lost the most points.")
            .Resolve(ctx => ctx.Source.Drivers(ctx.GetArgument<int?>("top")));
        Field<NonNullGraphType<ScoreTrendGraphType>>("trend").Resolve(ctx => ctx.Source);
    }
}
