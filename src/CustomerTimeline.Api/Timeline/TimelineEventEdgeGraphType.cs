using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Relay;

namespace CustomerTimeline.Api.Timeline;

public sealed class TimelineEventEdgeGraphType() : EdgeGraphType<TimelineEventInterface, TimelineEvent>("TimelineEvent");
