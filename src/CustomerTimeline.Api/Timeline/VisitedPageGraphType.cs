using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Security;
using GraphQL.Types;

namespace CustomerTimeline.Api.Timeline;

public sealed class VisitedPageGraphType : ObjectGraphType<VisitedPage>
{
    public VisitedPageGraphType()
    {
        Name = "VisitedPage";
        Field(p => p.Url).Description("The address as the analytics recorded it; its query string and fragment (where sites put emails, tokens and searches) are the personal part.")
            .Pii(PiiKind.Url);
        Field(p => p.Title, nullable: true);
        Field(p => p.TimeSpentSeconds);
    }
}
