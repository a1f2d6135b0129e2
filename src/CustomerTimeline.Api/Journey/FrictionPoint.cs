using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Journey;

public sealed record FrictionPoint(FrictionKind Kind, DateTimeOffset At, string Reason, TimelineEvent? Event);
