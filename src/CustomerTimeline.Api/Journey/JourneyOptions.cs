using System.ComponentModel.DataAnnotations;

namespace CustomerTimeline.Api.Journey;

/// <summary>Background re-classification and stats caching. Bound from "Journey".</summary>
public sealed class JourneyOptions
{
    public const string Section = "Journey";

    /// <summary>Run the background worker that (re)computes customers after map changes and bulk loads.</summary>
    public bool BackgroundEnabled { get; set; } = true;

    [Range(1, 5000, ErrorMessage = "Journey:BatchSize must be between 1 and 5000.")]
    public int BatchSize { get; set; } = 200;

    /// <summary>How often the worker looks for customers that need computing when nobody wakes it.</summary>
    [Range(1, 3600, ErrorMessage = "Journey:PollSeconds must be between 1 and 3600.")]
    public int PollSeconds { get; set; } = 30;

    /// <summary>Longest time global stats may be served from cache when another process changed the data.</summary>
    [Range(0, 3600, ErrorMessage = "Journey:StatsCacheSeconds must be between 0 and 3600.")]
    public int StatsCacheSeconds { get; set; } = 30;

    /// <summary>
    /// Stats whose last computation took at least this long are served from that computation while a newer one
    /// runs in the background (stale-while-revalidate; <c>statsComputedAt</c> says how old they are); cheaper
    /// ones are recomputed before answering. 0 always serves the last computation when there is one.
    /// </summary>
    [Range(0, 600_000, ErrorMessage = "Journey:StatsServeStaleAfterMs must be between 0 and 600000.")]
    public int StatsServeStaleAfterMs { get; set; } = 250;
}
