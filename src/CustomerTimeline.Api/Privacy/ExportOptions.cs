using System.ComponentModel.DataAnnotations;

namespace CustomerTimeline.Api.Privacy;

/// <summary>How exports are handed out: inline in the mutation's answer, or streamed from their download address.</summary>
public sealed class ExportOptions
{
    public const string Section = "Privacy:Export";

    /// <summary>
    /// Most events a customer may have for exportCustomer to answer the document inline. An inline document is one
    /// GraphQL string, held whole in memory with its escaped copy: ~800 bytes an event, so 50,000 events cost the
    /// API ~300 MB (bench/README); 5,000 cost it ~30 MB. Larger customers are downloaded from downloadUrl, which
    /// streams as it reads.
    /// </summary>
    [Range(0, 1_000_000, ErrorMessage = "Privacy:Export:InlineEventLimit must be between 0 (always download) and 1000000.")]
    public int InlineEventLimit { get; set; } = 5_000;

    /// <summary>Hours after the request during which its download address answers the export.</summary>
    [Range(1, 24 * 30, ErrorMessage = "Privacy:Export:DownloadValidHours must be between 1 and 720.")]
    public int DownloadValidHours { get; set; } = 24;
}
