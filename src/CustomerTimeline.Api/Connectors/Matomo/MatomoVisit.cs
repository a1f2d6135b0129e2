using System.Text.Json.Serialization;

namespace CustomerTimeline.Api.Connectors.Matomo;

/// <summary>The visit fields of Live.getLastVisitsDetails we read (numbers may arrive as strings).</summary>
public sealed record MatomoVisit(
    [property: JsonPropertyName("idVisit")] long IdVisit,
    [property: JsonPropertyName("visitorId")] string? VisitorId,
    [property: JsonPropertyName("userId")] string? UserId,
    [property: JsonPropertyName("firstActionTimestamp")] long? FirstActionTimestamp,
    [property: JsonPropertyName("lastActionTimestamp")] long? LastActionTimestamp,
    [property: JsonPropertyName("serverTimestamp")] long? ServerTimestamp,
    [property: JsonPropertyName("visitDuration")] int? VisitDuration,
    [property: JsonPropertyName("referrerType")] string? ReferrerType,
    [property: JsonPropertyName("referrerName")] string? ReferrerName,
    [property: JsonPropertyName("referrerUrl")] string? ReferrerUrl,
    [property: JsonPropertyName("deviceType")] string? DeviceType,
    [property: JsonPropertyName("browserName")] string? BrowserName,
    [property: JsonPropertyName("country")] string? Country,
    [property: JsonPropertyName("actionDetails")] IReadOnlyList<MatomoAction>? ActionDetails);
