using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Security;
using GraphQL.Types;

namespace CustomerTimeline.Api.Timeline;

public sealed class SurveyAnswerEventGraphType : ObjectGraphType<TimelineEvent>
{
    public SurveyAnswerEventGraphType()
    {
        Name = "SurveyAnswerEvent";
        Description = "An answer to a survey: NPS (0-10), CSAT (1-5) or CES (1-7), with an optional comment.";
        TimelineEventFields.Implement(this, EventKind.SurveyAnswer);
        Field<NonNullGraphType<StringGraphType>>("formId").Resolve(ctx => ctx.Source.DetailsAs<SurveyAnswerDetails>().FormId);
        Field<NonNullGraphType<StringGraphType>>("surveyType").Description("NPS, CSAT or CES.")
            .Resolve(ctx => ctx.Source.DetailsAs<SurveyAnswerDetails>().SurveyType);
        Field<NonNullGraphType<IntGraphType>>("score").Resolve(ctx => ctx.Source.DetailsAs<SurveyAnswerDetails>().Score);
        Field<NonNullGraphType<IntGraphType>>("scaleMin").Resolve(ctx => ctx.Source.DetailsAs<SurveyAnswerDetails>().ScaleMin);
        Field<NonNullGraphType<IntGraphType>>("scaleMax").Resolve(ctx => ctx.Source.DetailsAs<SurveyAnswerDetails>().ScaleMax);
        Field<StringGraphType>("comment").Resolve(ctx => ctx.Source.DetailsAs<SurveyAnswerDetails>().Comment).Pii(PiiKind.FreeText);
        Field<StringGraphType>("language").Description("ISO 639-1 language of the comment.")
            .Resolve(ctx => ctx.Source.DetailsAs<SurveyAnswerDetails>().Language);
    }
}
