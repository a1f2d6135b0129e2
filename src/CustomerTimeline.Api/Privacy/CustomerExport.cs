using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Privacy;

/// <summary>The result of exportCustomer: the recorded request and the export document as JSON text.</summary>
public sealed record CustomerExport(PrivacyRequest Request, string Document);
