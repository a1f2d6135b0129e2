using System.ComponentModel.DataAnnotations;

namespace CustomerTimeline.Api.GraphQLServer;

/// <summary>Limits that keep one request from taking the server down. Section "GraphQL:Limits".</summary>
public sealed class GraphQLLimitsOptions
{
    public const string Section = "GraphQL:Limits";

    /// <summary>Deepest selection nesting accepted.</summary>
    [Range(2, 64, ErrorMessage = "GraphQL:Limits:MaxDepth must be between 2 and 64.")]
    public int MaxDepth { get; set; } = 12;

    /// <summary>
    /// Largest estimated cost: every selected field costs 1, and a list's children are multiplied by its page size
    /// (first/last of the list or of its connection), or by <see cref="DefaultListSize"/> when none is given.
    /// </summary>
    [Range(10, 10_000_000, ErrorMessage = "GraphQL:Limits:MaxComplexity must be between 10 and 10000000.")]
    public int MaxComplexity { get; set; } = 10_000;

    /// <summary>Assumed size of a list with no first/last argument (the default page size).</summary>
    [Range(1, 1_000, ErrorMessage = "GraphQL:Limits:DefaultListSize must be between 1 and 1000.")]
    public int DefaultListSize { get; set; } = 20;

    /// <summary>Most aliased fields in one document (aliases multiply work without deepening the query).</summary>
    [Range(0, 1_000, ErrorMessage = "GraphQL:Limits:MaxAliases must be between 0 and 1000.")]
    public int MaxAliases { get; set; } = 20;

    /// <summary>Longest a request may execute before it is cancelled with a TIMEOUT error.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00", ErrorMessage = "GraphQL:Limits:ExecutionTimeout must be between 00:00:00.010 and 00:05:00.")]
    public TimeSpan ExecutionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Answer introspection queries. Defaults to on in Development only.</summary>
    public bool? EnableIntrospection { get; set; }

    /// <summary>Drop "Did you mean ...?" hints from validation errors. Defaults to on outside Development.</summary>
    public bool? HideSuggestions { get; set; }
}
