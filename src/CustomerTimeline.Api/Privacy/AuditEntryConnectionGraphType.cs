using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Relay;

namespace CustomerTimeline.Api.Privacy;

public sealed class AuditEntryConnectionGraphType()
    : ConnectionGraphType<AuditEntryGraphType, AuditEntryEdgeGraphType, AuditEntry>("AuditEntry");
