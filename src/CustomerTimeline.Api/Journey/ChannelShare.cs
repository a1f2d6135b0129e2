using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Journey;

public sealed record ChannelShare(Channel Channel, long Events, double Share);
