using CustomerTimeline.Api.Data;
using GraphQL.Types;

namespace CustomerTimeline.Api.Timeline;

public sealed class VisitedPageGraphType : ObjectGraphType<VisitedPage>
{
    public VisitedPageGraphType()
    {
        Name = "VisitedPage";
        Field(p => p.Url);
        Field(p => p.Title, nullable: true);
        Field(p => p.TimeSpentSeconds);
    }
}
