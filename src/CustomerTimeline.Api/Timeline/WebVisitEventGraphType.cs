using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Security;
using GraphQL.Types;

namespace CustomerTimeline.Api.Timeline;

public sealed class WebVisitEventGraphType : ObjectGraphType<TimelineEvent>
{
    public WebVisitEventGraphType()
    {
        Name = "WebVisitEvent";
        Description = "A visit to the website, from web analytics.";
        TimelineEventFields.Implement(this, EventKind.WebVisit);
        Field<NonNullGraphType<StringGraphType>>("visitorId").Resolve(ctx => ctx.Source.DetailsAs<WebVisitDetails>().VisitorId);
        Field<StringGraphType>("userId").Description("The site's own id of the signed-in visitor (often the email); null for anonymous visits.")
            .Resolve(ctx => ctx.Source.DetailsAs<WebVisitDetails>().UserId).Pii(PiiKind.UserId);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<VisitedPageGraphType>>>>("pages")
            .Resolve(ctx => ctx.Source.DetailsAs<WebVisitDetails>().Pages);
        Field<NonNullGraphType<IntGraphType>>("durationSeconds").Resolve(ctx => ctx.Source.DetailsAs<WebVisitDetails>().DurationSeconds);
        Field<StringGraphType>("referrer").Resolve(ctx => ctx.Source.DetailsAs<WebVisitDetails>().Referrer);
        Field<StringGraphType>("referrerType").Description("search, social, campaign, website or direct.")
            .Resolve(ctx => ctx.Source.DetailsAs<WebVisitDetails>().ReferrerType);
        Field<StringGraphType>("device").Resolve(ctx => ctx.Source.DetailsAs<WebVisitDetails>().Device);
        Field<StringGraphType>("browser").Resolve(ctx => ctx.Source.DetailsAs<WebVisitDetails>().Browser);
        Field<StringGraphType>("country").Resolve(ctx => ctx.Source.DetailsAs<WebVisitDetails>().Country);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("goals")
            .Resolve(ctx => ctx.Source.DetailsAs<WebVisitDetails>().Goals);
    }
}
