using CustomerTimeline.Api.Customers;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Privacy;
using CustomerTimeline.Api.Relay;
using CustomerTimeline.Api.Timeline;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Live;

public static class LiveSubscriptions
{
    public static void AddLiveSubscriptions(this ObjectGraphType subscription)
    {
        subscription.Field<NonNullGraphType<TimelineEventInterface>>("timelineEventAdded")
            .Description("Each event that lands on this customer's timeline, as it is stored. Completes when the customer is erased or merged into another; a merged customer's id subscribes to the customer it went into.")
            .Argument<NonNullGraphType<IdGraphType>>("customerId")
            .ResolveStreamAsync(async ctx => ctx.RequestServices!.GetRequiredService<ITimelineNotifier>()
                .EventsAddedFor((await ExistingCustomerAsync(ctx)).Id)
                .Select(id => (object?)id))
            .Resolve(ctx => ctx.RequestServices!.GetRequiredService<EventByIdLoader>().Load((long)ctx.Source!));

        subscription.Field<NonNullGraphType<CustomerGraphType>>("customerUpdated")
            .Description("The customer each time their profile, score, stage or signals change. Completes when the customer is erased or merged into another; a merged customer's id subscribes to the customer it went into, which is sent at once (its id tells the merge).")
            .Argument<NonNullGraphType<IdGraphType>>("customerId")
            .ResolveStreamAsync(async ctx =>
            {
                var (id, merged) = await ExistingCustomerAsync(ctx);
                var updates = ctx.RequestServices!.GetRequiredService<ITimelineNotifier>().UpdatesFor(id).Select(changed => (object?)changed);
                // The merge's own update may have gone out before this feed attached: the survivor now tells it.
                return merged ? updates.StartWith(id) : updates;
            })
            .Resolve(ctx => ctx.RequestServices!.GetRequiredService<CustomerByIdLoader>().Load((long)ctx.Source!));
    }

    /// <summary>
    /// The customer's feed, or, for a customer merged into another, the feed of the customer holding its data now
    /// (as <c>customer(id:)</c> answers). A feed of a customer that does not exist would never say anything: refused
    /// instead. One removed after this check completes at once when it attaches (the notifier remembers removals).
    /// </summary>
    private static async Task<(long Id, bool Merged)> ExistingCustomerAsync(IResolveFieldContext ctx)
    {
        var id = GlobalId.Expect(ctx.GetArgument<string>("customerId"), GlobalId.CustomerType, "customerId");
        var db = ctx.RequestServices!.GetRequiredService<TimelineDbContext>();
        if (await db.Customers.AnyAsync(c => c.Id == id, ctx.CancellationToken)) return (id, false);
        return await MergedCustomers.SurvivorOfAsync(db, id, ctx.CancellationToken) is { } survivor
            ? (survivor, true)
            : throw new NotFoundError("No customer has this customerId; it may have been erased.");
    }
}
