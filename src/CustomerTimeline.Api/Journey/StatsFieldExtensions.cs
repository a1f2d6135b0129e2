using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace CustomerTimeline.Api.Journey;

internal static class StatsFieldExtensions
{
    public static FieldBuilder<TSource, object> StatsFilterArgument<TSource>(this FieldBuilder<TSource, object> field) =>
        field.Argument<JourneyStatsFilterInputGraphType>("filter", "Time window (customers who first reached it then) and segment.");

    public static Task<JourneyMapStats> StatsAsync<TSource>(this IResolveFieldContext<TSource> ctx, ActiveJourneyMap map) =>
        ctx.RequestServices!.GetRequiredService<JourneyStatsLoader>().GetAsync(
            map, JourneyStatsFilter.Validate(ctx.GetArgument<JourneyStatsFilter?>("filter")), ctx.CancellationToken);
}
