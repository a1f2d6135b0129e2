using System.Globalization;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.GraphQLServer;
using CustomerTimeline.Api.Relay;
using CustomerTimeline.Api.Timeline;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Journey;

public sealed class CustomerStageGraphType : ObjectGraphType<StageOverlay>
{
    public CustomerStageGraphType()
    {
        Name = "CustomerStage";
        Description = "One stage of the map from this customer's point of view.";
        Field<NonNullGraphType<JourneyStageGraphType>>("stage").Resolve(ctx => new StageView(ctx.Source.Journey.Map, ctx.Source.Stage, ctx.Source.Order));
        Field<NonNullGraphType<BooleanGraphType>>("reached").Resolve(ctx => ctx.Source.Row is not null);
        Field(s => s.Current).Description("The furthest stage reached.");
        Field(s => s.Skipped).Description("Not reached although a later stage was.");
        Field<DateTimeOffsetGraphType>("firstReachedAt").Resolve(ctx => ctx.Source.Row?.FirstReachedAt);
        Field<DateTimeOffsetGraphType>("lastReachedAt").Resolve(ctx => ctx.Source.Row?.LastReachedAt);
        Field<FloatGraphType>("daysToReach").Description("Days from the customer's first event.").Resolve(ctx => ctx.Source.Row?.DaysToReach);
        Field<NonNullGraphType<IntGraphType>>("eventCount").Resolve(ctx => ctx.Source.Row?.EventCount ?? 0);
        Field<FloatGraphType>("averageSentiment").Description("-1..1; null when no event here has a sentiment.")
            .Resolve(ctx => ctx.Source.Row is { SentimentCount: > 0 } r ? Math.Round(r.SentimentSum / r.SentimentCount, 4) : null);
        Field<NonNullGraphType<IntGraphType>>("negativeEvents").Resolve(ctx => ctx.Source.Row?.NegativeCount ?? 0);

        Field<NonNullGraphType<TimelineEventConnectionGraphType>>("events")
            .Description("The customer's events in this stage, newest first (keyset-paged like the timeline).")
            .Argument<IntGraphType>("first", "Page size forward, 0-100 (default 20).")
            .Argument<StringGraphType>("after", "Cursor of the edge to continue after.")
            .Argument<IntGraphType>("last", "Page size backward, 0-100.")
            .Argument<StringGraphType>("before", "Cursor of the edge to continue before.")
            .Resolve(ctx => ctx.RequestServices!.GetRequiredService<TimelinePageLoader>().Load(
                ctx.Source.Journey.CustomerId, PageArguments.From(ctx), new TimelineFilter { Stages = [ctx.Source.Stage.Key] }));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FrictionPointGraphType>>>>("frictionPoints")
            .Description("Negative events in this stage (newest first) and a stall when the customer is stuck here.")
            .Resolve(ctx =>
            {
                var overlay = ctx.Source;
                var stall = overlay.Current
                    ? overlay.Journey.OpenSignals.FirstOrDefault(s => s.Kind == "stall")
                    : null;
                return ctx.RequestServices!.GetRequiredService<NegativeEventsLoader>().Load(overlay.Journey.CustomerId).Then(events =>
                {
                    var points = events.Where(e => e.StageKey == overlay.Stage.Key)
                        .Select(e => new FrictionPoint(FrictionKind.NegativeEvent, e.OccurredAt,
                            string.Create(CultureInfo.InvariantCulture, $"Negative {e.Kind} (sentiment {e.Sentiment:0.00}): {e.Title}"), e))
                        .ToList();
                    if (stall is not null) points.Insert(0, new FrictionPoint(FrictionKind.Stall, stall.TriggeredAt, stall.Reason, null));
                    return (IReadOnlyList<FrictionPoint>)points;
                });
            });

        Field<StageComparisonGraphType>("comparison")
            .Description("How fast this customer reached the stage compared with all customers who reached it; null when not reached.")
            .ResolveAsync(async ctx =>
            {
                if (ctx.Source.Row is not { } row) return null;
                var db = ctx.RequestServices!.GetRequiredService<TimelineDbContext>();
                var key = row.StageKey;
                var days = row.DaysToReach;
                var all = db.CustomerJourneyStages().Where(r => r.StageKey == key);
                var total = await all.CountAsync(ctx.CancellationToken);
                var faster = await all.CountAsync(r => r.DaysToReach < days, ctx.CancellationToken);
                var slower = await all.CountAsync(r => r.DaysToReach > days, ctx.CancellationToken);
                var stats = await ctx.StatsAsync(ctx.Source.Journey.Map);
                var median = stats.Stages.GetValueOrDefault(key)?.MedianDaysToReach;
                var slowerThan = total == 0 ? 0 : faster / (double)total;
                var fasterThan = total == 0 ? 0 : slower / (double)total;
                var summary = slowerThan >= fasterThan
                    ? string.Create(CultureInfo.InvariantCulture, $"Reached {ctx.Source.Stage.Name} slower than {slowerThan:P0} of customers ({days:0.#} days; median {median:0.#}).")
                    : string.Create(CultureInfo.InvariantCulture, $"Reached {ctx.Source.Stage.Name} faster than {fasterThan:P0} of customers ({days:0.#} days; median {median:0.#}).");
                return new StageComparison(days, median, total, Math.Round(slowerThan, 4), Math.Round(fasterThan, 4), summary.Replace(" %", "%", StringComparison.Ordinal));
            });
    }
}
