using GraphQL.Types;

namespace CustomerTimeline.Api.Privacy;

public sealed class CustomerExportGraphType : ObjectGraphType<CustomerExport>
{
    public CustomerExportGraphType()
    {
        Name = "CustomerExport";
        Description = "A customer's data export.";
        Field<NonNullGraphType<PrivacyRequestGraphType>>("request").Resolve(ctx => ctx.Source.Request);
        Field<StringGraphType>("document")
            .Description("The export as JSON text: {format: \"customer-timeline-export/1\", exportedAt, customerId, sections: {profile, identities, timeline, ...}}. "
                + "Null with an EXPORT_TOO_LARGE error for a customer with more events than an inline document holds (Privacy:Export:InlineEventLimit, 5,000 by default): download it from downloadUrl.")
            .Resolve(ctx => ctx.Source.Document ?? throw new ExportTooLargeError(ctx.Source.InlineRefusal
                ?? "The document was not built for this answer; download it from downloadUrl."));
        Field<NonNullGraphType<StringGraphType>>("downloadUrl")
            .Description("Where the document is streamed from, built again from what is stored at the download (its exportedAt is the download's time), relative to the API's base address: GET with a bearer token holding Timeline.Read and Privacy.Manage, for 24 hours after the request (Privacy:Export:DownloadValidHours). Every download is audited.")
            .Resolve(ctx => ctx.Source.DownloadUrl);
    }
}
