using GraphQL.Types;

namespace CustomerTimeline.Api.Insights;

public sealed class ScoreTrendGraphType : ObjectGraphType<ExperienceView>
{
    public ScoreTrendGraphType()
    {
        Name = "ScoreTrend";
        Description = "The score's history (Experience:HistoryPoints points, Experience:HistoryIntervalDays apart) and its direction.";
        Field<NonNullGraphType<FloatGraphType>>("change").Description("Last point minus first point.").Resolve(ctx => ctx.Source.Result.Change);
        Field<NonNullGraphType<EnumerationGraphType<TrendDirection>>>("direction").Description("UP or DOWN when the change is beyond Experience:TrendThreshold, else FLAT.")
            .Resolve(ctx => ctx.Source.Direction);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ScorePointGraphType>>>>("points").Description("Oldest first; the last is now.")
            .Resolve(ctx => ctx.Source.Result.History);
    }
}
