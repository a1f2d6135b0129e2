using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Privacy;

/// <summary>
/// The result of exportCustomer: the recorded request and, when it was asked for and small enough, the document as
/// JSON text; otherwise why it was not answered inline.
/// </summary>
public sealed record CustomerExport(PrivacyRequest Request, string? Document, string? InlineRefusal = null)
{
    /// <summary>Where the export is streamed from (relative to the API's base address).</summary>
    public string DownloadUrl => CustomerExporter.DownloadPath(Request.Id);
}
