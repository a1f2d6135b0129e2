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
}
