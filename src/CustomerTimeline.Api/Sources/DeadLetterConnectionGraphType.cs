using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Relay;

namespace CustomerTimeline.Api.Sources;

public sealed class DeadLetterConnectionGraphType()
    : ConnectionGraphType<DeadLetterGraphType, DeadLetterEdgeGraphType, DeadLetter>("DeadLetter");
