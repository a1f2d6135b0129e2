using System.ComponentModel.DataAnnotations;

namespace CustomerTimeline.Api.GraphQLServer;

public sealed class GraphQLHttpOptions
{
    public const string Section = "GraphQL";

    /// <summary>Largest accepted request body, in bytes.</summary>
    [Range(1_024, 10_485_760)]
    public int MaxRequestBytes { get; set; } = 256 * 1024;

    /// <summary>Serve GraphiQL at /graphiql. Defaults to on in Development only.</summary>
    public bool? EnableGraphiQL { get; set; }

    /// <summary>
    /// Run the agent-context request (and, behind, the journey stats') once at start-up, so the first callers after a
    /// deploy do not wait for query compilation and the JIT.
    /// </summary>
    public bool WarmUp { get; set; } = true;
}
