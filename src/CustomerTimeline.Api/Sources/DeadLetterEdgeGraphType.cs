using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Relay;

namespace CustomerTimeline.Api.Sources;

public sealed class DeadLetterEdgeGraphType() : EdgeGraphType<DeadLetterGraphType, DeadLetter>("DeadLetter");
