using CustomerTimeline.Api.Customers;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Relay;
using CustomerTimeline.Api.Timeline;
using GraphQL;
using GraphQL.Types;

namespace CustomerTimeline.Api.Live;

public static class LiveSubscriptions
{
    public static void AddLiveSubscriptions(this ObjectGraphType subscription)
    {
        subscription.Field<NonNullGraphType<TimelineEventInterface>>("timelineEventAdded")
            .Description("Each event that lands on this customer's timeline, as it is stored.")
            .Argument<NonNullGraphType<IdGraphType>>("customerId")
            .ResolveStream(ctx => ctx.RequestServices!.GetRequiredService<ITimelineNotifier>()
                .EventsAddedFor(GlobalId.Expect(ctx.GetArgument<string>("customerId"), GlobalId.CustomerType, "customerId"))
                .Select(id => (object?)id))
            .Resolve(ctx => ctx.RequestServices!.GetRequiredService<EventByIdLoader>().Load((long)ctx.Source!));

        subscription.Field<NonNullGraphType<CustomerGraphType>>("customerUpdated")
            .Description("The customer each time their profile, score, stage or signals change.")
            .Argument<NonNullGraphType<IdGraphType>>("customerId")
            .ResolveStream(ctx => ctx.RequestServices!.GetRequiredService<ITimelineNotifier>()
                .UpdatesFor(GlobalId.Expect(ctx.GetArgument<string>("customerId"), GlobalId.CustomerType, "customerId"))
                .Select(id => (object?)id))
            .Resolve(ctx => ctx.RequestServices!.GetRequiredService<CustomerByIdLoader>().Load((long)ctx.Source!));
    }
}
