using System.Text.Json.Serialization;

namespace CustomerTimeline.Api.Connectors.Matomo;

/// <summary>One entry of a visit's <c>actionDetails</c>: a page view (<c>action</c>), <c>goal</c>, <c>download</c>, <c>outlink</c>, <c>event</c>...</summary>
public sealed record MatomoAction(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("pageTitle")] string? PageTitle,
    [property: JsonPropertyName("timeSpent")] int? TimeSpent,
    [property: JsonPropertyName("timestamp")] long? Timestamp,
    [property: JsonPropertyName("goalName")] string? GoalName);
