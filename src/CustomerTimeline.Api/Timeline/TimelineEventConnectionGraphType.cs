using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Relay;

namespace CustomerTimeline.Api.Timeline;

public sealed class TimelineEventConnectionGraphType()
    : ConnectionGraphType<TimelineEventInterface, TimelineEventEdgeGraphType, TimelineEvent>("TimelineEvent");
