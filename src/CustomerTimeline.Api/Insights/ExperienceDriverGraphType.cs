using CustomerTimeline.Api.Timeline;
using GraphQL.Types;

namespace CustomerTimeline.Api.Insights;

public sealed class ExperienceDriverGraphType : ObjectGraphType<ExperienceDriver>
{
    public ExperienceDriverGraphType()
    {
        Name = "ExperienceDriver";
        Description = "One part of the experience score. The contributions of all drivers add up to the score.";
        Field(d => d.Key).Description("surveys, sentiment, supportLoad, resolutionTime, repeatedProblems or engagement.");
        Field(d => d.Name);
        Field(d => d.Weight).Description("Configured weight (Experience:Weights:*).");
        Field(d => d.MaxPoints).Description("Points this driver can earn: 100 × weight / sum of weights.");
        Field(d => d.Subscore).Description("0..1: how well the customer does on this driver.");
        Field(d => d.Contribution).Description("Points earned: maxPoints × subscore.");
        Field<NonNullGraphType<FloatGraphType>>("lostPoints").Resolve(ctx => Math.Round(ctx.Source.MaxPoints - ctx.Source.Contribution, 2));
        Field(d => d.Explanation);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TimelineEventInterface>>>>("events")
            .Description("The events behind this driver (at most 10).")
            .Resolve(ctx => EventLists.Load(ctx, ctx.Source.EventIds));
    }
}
