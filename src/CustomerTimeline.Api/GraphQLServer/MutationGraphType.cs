using CustomerTimeline.Api.Sources;
using CustomerTimeline.Api.Journey;
using GraphQL.Types;

namespace CustomerTimeline.Api.GraphQLServer;

/// <summary>The mutation root: each feature folder contributes its own fields.</summary>
public sealed class MutationGraphType : ObjectGraphType
{
    public MutationGraphType()
    {
        Name = "Mutation";
        this.AddSyncMutations();
        this.AddJourneyMutations();
    }
}
