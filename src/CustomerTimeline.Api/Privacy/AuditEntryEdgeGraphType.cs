using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Relay;

namespace CustomerTimeline.Api.Privacy;

public sealed class AuditEntryEdgeGraphType() : EdgeGraphType<AuditEntryGraphType, AuditEntry>("AuditEntry");
