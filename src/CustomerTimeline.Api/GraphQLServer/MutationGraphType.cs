using CustomerTimeline.Api.Sources;
using CustomerTimeline.Api.Journey;
using CustomerTimeline.Api.Privacy;
using GraphQL.Types;

namespace CustomerTimeline.Api.GraphQLServer;

/// <summary>The mutation root: each feature folder contributes its own fields. Every mutation needs Timeline.Write.</summary>
public sealed class MutationGraphType : ObjectGraphType
{
    public MutationGraphType()
    {
        Name = "Mutation";
        this.AddSyncMutations();
        this.AddJourneyMutations();
        this.AddPrivacyMutations();
    }
}
