using CustomerTimeline.Api.Data;
using GraphQL.Types;

namespace CustomerTimeline.Api.Journey;

public sealed class ChannelShareGraphType : ObjectGraphType<ChannelShare>
{
    public ChannelShareGraphType()
    {
        Name = "ChannelShare";
        Description = "How many events came through one channel, and their share of all events there.";
        Field(c => c.Channel, type: typeof(NonNullGraphType<EnumerationGraphType<Channel>>));
        Field<NonNullGraphType<IntGraphType>>("events").Resolve(ctx => (int)ctx.Source.Events);
        Field(c => c.Share).Description("0..1.");
    }
}
