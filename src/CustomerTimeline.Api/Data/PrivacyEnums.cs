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
    /// <summary>An export's document was streamed from its download address.</summary>
    ExportDownload,
}

public enum AuditOutcome
{
    Succeeded,
    Failed,
}
