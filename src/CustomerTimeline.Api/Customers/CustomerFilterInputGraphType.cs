using CustomerTimeline.Api.Journey;
using GraphQL.Types;

namespace CustomerTimeline.Api.Customers;

public sealed class CustomerFilterInputGraphType : InputObjectGraphType<CustomerFilter>
{
    public CustomerFilterInputGraphType()
    {
        Name = "CustomerFilter";
        Description = "A segment of customers by their computed insights (a work queue, a dashboard's list). Conditions combine with AND; a customer not computed yet matches none.";
        Field<StringGraphType>("stage").Description("Current journey stage key: a key of journeyMap.stages (another key is refused).");
        Field<EnumerationGraphType<ScoreBand>>("scoreBand").Description("Experience score in this band.");
        Field<BooleanGraphType>("priority").Description("Needs attention (Experience.priority): an open high or critical signal, or an urgent message.");
        Field<StringGraphType>("signal").Description("An open signal of this kind (Signal.kind: detractor, promoter, stall...): one the automation rules raise (another is refused).");
        Field<BooleanGraphType>("repeatedProblem").Description("Repeated contacts about one problem in a short window (Experience.repeatedProblem).");
    }
}
