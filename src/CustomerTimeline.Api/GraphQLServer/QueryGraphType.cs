using CustomerTimeline.Api.Customers;
using CustomerTimeline.Api.Journey;
using CustomerTimeline.Api.Privacy;
using CustomerTimeline.Api.Relay;
using CustomerTimeline.Api.Sources;
using GraphQL.Types;

namespace CustomerTimeline.Api.GraphQLServer;

/// <summary>The query root: each feature folder contributes its own fields.</summary>
public sealed class QueryGraphType : ObjectGraphType
{
    public QueryGraphType()
    {
        Name = "Query";
        this.AddNodeQueries();
        this.AddCustomerQueries();
        this.AddSourceQueries();
        this.AddJourneyQueries();
        this.AddPrivacyQueries();
    }
}
