namespace CustomerTimeline.Api.Data;

public enum PrivacyRequestKind
{
    Export,
    Erasure,
}

public enum PrivacyRequestStatus
{
    Requested,
    Completed,
    Failed,
}

public enum AuditOperation
{
    /// <summary>A GraphQL response carried unmasked personal data of the customer.</summary>
    PiiRead,
    Export,
    Erasure,
}

public enum AuditOutcome
{
    Succeeded,
    Failed,
}
