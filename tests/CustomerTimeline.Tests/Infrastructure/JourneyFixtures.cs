using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Tests.Infrastructure;

/// <summary>Builders for customers shaped like the generator's planted patterns.</summary>
public static class JourneyFixtures
{
    public static Customer Customer(string name, string? company = "Contoso")
    {
        var customer = new Customer
        {
            DisplayName = name,
            PrimaryEmail = name.Replace(' ', '.').ToLowerInvariant() + "@example.com",
            Company = company,
            CreatedAt = SampleData.T0,
            UpdatedAt = SampleData.T0,
        };
        customer.RefreshSearchText();
        return customer;
    }

    public static TimelineEvent Visit(long customerId, string id, DateTimeOffset at, string path, string? referrerType = null) =>
        Event(customerId, EventSource.Matomo, id, EventKind.WebVisit, at, Channel.Web, "Visited " + path,
            new WebVisitDetails("v-" + customerId, null, [new VisitedPage("https://example.com" + path, null, 30)], 30, null, referrerType,
                "desktop", "Firefox", "fr", []));

    public static TimelineEvent Ticket(long customerId, string id, DateTimeOffset at, string subject, string[] tags, string? description,
        DateTimeOffset? solvedAt = null) =>
        Event(customerId, EventSource.Zendesk, id, EventKind.Ticket, at, Channel.Helpdesk, subject,
            new TicketDetails(subject, solvedAt is null ? "open" : "solved", "normal", "incident", tags, description, solvedAt));

    public static TimelineEvent Message(long customerId, string id, string ticketId, DateTimeOffset at, string body, string author = "customer") =>
        Event(customerId, EventSource.Zendesk, id, EventKind.TicketMessage, at, Channel.Email, "Reply",
            new TicketMessageDetails(ticketId, author, true, body, "email"));

    public static TimelineEvent Survey(long customerId, string id, DateTimeOffset at, string type, int score, string? comment) =>
        Event(customerId, EventSource.Typeform, id, EventKind.SurveyAnswer, at, Channel.Survey, $"{type} {score}",
            new SurveyAnswerDetails("form", type, score, type == "NPS" ? 0 : 1, type switch { "NPS" => 10, "CSAT" => 5, _ => 7 }, comment, null));

    public static TimelineEvent Activity(long customerId, string id, DateTimeOffset at, string type, string subject, string? body = null,
        Channel channel = Channel.Meeting) =>
        Event(customerId, EventSource.Dataverse, id, EventKind.CrmActivity, at, channel, subject,
            new CrmActivityDetails(type, subject, "Incoming", body, null, "Sam"));

    public static TimelineEvent ContactChange(long customerId, string id, DateTimeOffset at, string lifecycle) =>
        Event(customerId, EventSource.Dataverse, id, EventKind.ContactChange, at, Channel.Crm, "Contact updated",
            new ContactChangeDetails(["lifecyclestage"], null, lifecycle));

    private static TimelineEvent Event(long customerId, EventSource source, string id, EventKind kind, DateTimeOffset at, Channel channel,
        string title, EventDetails details) => new()
        {
            CustomerId = customerId, Source = source, SourceRecordId = id, Kind = kind, OccurredAt = at, SourceUpdatedAt = at,
            Channel = channel, Title = title, Details = details.ToJson(),
        };
}
