using System.Text.Json.Serialization;

namespace CustomerTimeline.Api.Connectors.Zendesk;

/// <summary>
/// A ticket's satisfaction rating as the ticket carries it: <c>score</c> is "good" or "bad" once the requester answered
/// ("offered" or "unoffered" before), with an optional comment. It has no time of its own here.
/// </summary>
public sealed record ZendeskSatisfactionRating(
    [property: JsonPropertyName("id")] long? Id,
    [property: JsonPropertyName("score")] string? Score,
    [property: JsonPropertyName("comment")] string? Comment);
