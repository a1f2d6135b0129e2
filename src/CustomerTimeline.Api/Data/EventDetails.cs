using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomerTimeline.Api.Data;

/// <summary>The typed, per-kind part of a timeline event, stored as JSON beside the common columns.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$kind")]
[JsonDerivedType(typeof(ContactChangeDetails), "contactChange")]
[JsonDerivedType(typeof(CrmActivityDetails), "crmActivity")]
[JsonDerivedType(typeof(TicketDetails), "ticket")]
[JsonDerivedType(typeof(TicketMessageDetails), "ticketMessage")]
[JsonDerivedType(typeof(WebVisitDetails), "webVisit")]
[JsonDerivedType(typeof(SurveyAnswerDetails), "surveyAnswer")]
public abstract record EventDetails
{
    // Source-generated: every insights refresh parses the details of all of a customer's events.
    public string ToJson() => JsonSerializer.Serialize(this, EventDetailsJson.Default.EventDetails);

    public static EventDetails FromJson(string json) =>
        JsonSerializer.Deserialize(json, EventDetailsJson.Default.EventDetails)
        ?? throw new InvalidOperationException("Empty event details.");

    public static EventDetails FromJson(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, EventDetailsJson.Default.EventDetails)
        ?? throw new InvalidOperationException("Empty event details.");
}

public sealed record ContactChangeDetails(IReadOnlyList<string> ChangedFields, string? JobTitle, string? LifecycleStage) : EventDetails;

public sealed record CrmActivityDetails(
    string ActivityType, string Subject, string? Direction, string? Body, int? DurationMinutes, string? Owner) : EventDetails;

public sealed record TicketDetails(
    string Subject, string Status, string Priority, string? Type, IReadOnlyList<string> Tags, string? Description,
    DateTimeOffset? SolvedAt) : EventDetails;

public sealed record TicketMessageDetails(
    string TicketId, string Author, bool IsPublic, string Body, string Via) : EventDetails;

public sealed record WebVisitDetails(
    string VisitorId, string? UserId, IReadOnlyList<VisitedPage> Pages, int DurationSeconds, string? Referrer,
    string? ReferrerType, string? Device, string? Browser, string? Country, IReadOnlyList<string> Goals) : EventDetails;

public sealed record VisitedPage(string Url, string? Title, int TimeSpentSeconds);

public sealed record SurveyAnswerDetails(
    string FormId, string SurveyType, int Score, int ScaleMin, int ScaleMax, string? Comment, string? Language) : EventDetails;
