using GraphQL.Types;

namespace CustomerTimeline.Api.Journey;

public sealed class StageComparisonGraphType : ObjectGraphType<StageComparison>
{
    public StageComparisonGraphType()
    {
        Name = "StageComparison";
        Description = "This customer's time to reach a stage against every customer who reached it.";
        Field(c => c.DaysToReach).Description("Days from this customer's first event to their first event in the stage.");
        Field(c => c.MedianDaysToReach, nullable: true).Description("Median over all customers who reached the stage.");
        Field(c => c.CustomersReached);
        Field(c => c.SlowerThanShare).Description("Share of those customers who reached it faster (this customer was slower than them), 0..1.");
        Field(c => c.FasterThanShare).Description("Share of those customers who took longer, 0..1.");
        Field(c => c.Summary).Description("E.g. \"Reached Onboarding slower than 80% of customers (12 days; median 5).\"");
    }
}
