using CustomerTimeline.Api.Data;
using GraphQL.Types;

namespace CustomerTimeline.Api.Timeline;

public sealed class TimelineEventInterface : InterfaceGraphType<TimelineEvent>
{
    public TimelineEventInterface()
    {
        Name = "TimelineEvent";
        Description = "Something that happened to a customer, in any source. Each kind has its own type with typed details.";
        TimelineEventFields.AddInterfaceFields(this);
    }
}
