using GraphQL.Types;

namespace CustomerTimeline.Api.Journey;

public sealed class JourneyStatsGraphType : ObjectGraphType<JourneyStats>
{
    public JourneyStatsGraphType()
    {
        Name = "JourneyStats";
        Description = "Reach, drop-off, timing, channel preference and feel of a stage or touchpoint, from the per-customer aggregates.";
        Field<NonNullGraphType<IntGraphType>>("customersReached").Description("Customers with at least one event there.")
            .Resolve(ctx => (int)ctx.Source.CustomersReached);
        Field(s => s.Share).Description("customersReached / all customers (of the segment), 0..1.");
        Field(s => s.DropOffFromPrevious, nullable: true)
            .Description("Of the customers who reached the previous stage, the share who never reached this one; null for the first stage and for touchpoints.");
        Field(s => s.MedianDaysToReach, nullable: true).Description("Median days from a customer's first event to their first event here.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChannelShareGraphType>>>>("channelPreference")
            .Description("Share of events per channel, most used first.").Resolve(ctx => ctx.Source.ChannelPreference);
        Field(s => s.AverageSentiment, nullable: true).Description("Average sentiment of the events here that have one, -1..1.");
        Field<NonNullGraphType<IntGraphType>>("events").Resolve(ctx => (int)ctx.Source.Events);
        Field<NonNullGraphType<IntGraphType>>("negativeEvents").Resolve(ctx => (int)ctx.Source.NegativeEvents);
    }
}
