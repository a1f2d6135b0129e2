using CustomerTimeline.Api.Connectors;
using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Tests.Sync;

/// <summary>Builders for source records with predictable values.</summary>
public static class Records
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static IdentityKey Email(string value) => new(IdentityKind.Email, value);
    public static IdentityKey Phone(string value) => new(IdentityKind.Phone, value);
    public static IdentityKey Zendesk(string value) => new(IdentityKind.ZendeskUserId, value);
    public static IdentityKey Visitor(string value) => new(IdentityKind.MatomoVisitorId, value);
    public static IdentityKey MatomoUser(string value) => new(IdentityKind.MatomoUserId, value);
    public static IdentityKey Contact(string value) => new(IdentityKind.DataverseContactId, value);

    public static SourceEvent Ticket(string id, int minute, string title, params IdentityKey[] keys) =>
        new(id, T0.AddMinutes(minute), keys, EventKind.Ticket, T0.AddMinutes(minute), Channel.Helpdesk, title, title,
            new TicketDetails(title, "open", "normal", null, [], null, null));

    public static SourceEvent Visit(string id, int minute, string visitorId, string? userId = null)
    {
        IdentityKey[] keys = userId is null ? [Visitor(visitorId)] : [Visitor(visitorId), MatomoUser(userId)];
        return new SourceEvent(id, T0.AddMinutes(minute), keys, EventKind.WebVisit, T0.AddMinutes(minute), Channel.Web,
            "Visited /pricing", null,
            new WebVisitDetails(visitorId, userId, [new VisitedPage("https://example.com/pricing", "Pricing", 30)], 30,
                null, null, "desktop", "Firefox", "fr", []));
    }

    public static SourcePerson Person(string id, int minute, string? name, string? email = null, string? phone = null,
        string? company = null, params IdentityKey[] keys) =>
        new(id, T0.AddMinutes(minute), keys, name, email, phone, company);

    public static SourceDeletion Deletion(string id, int minute) => new(id, T0.AddMinutes(minute));

    public static UnmappableRecord Unmappable(string id, int minute, string payload) =>
        new(id, T0.AddMinutes(minute), "Missing field 'requester_id'", payload);

    /// <summary>
    /// A helpdesk whose two tickets look like two people (an email, a helpdesk user id) until
    /// <see cref="LinkingUser"/>, paged into its users stream, says they are one: a merge into the oldest.
    /// </summary>
    public static ScriptedConnector TwoTicketsOfOnePerson() => new ScriptedConnector(EventSource.Zendesk, "users", "tickets")
        .Page("tickets", Ticket("t1", 1, "From the CRM address", Email("ann@example.com")))
        .Page("tickets", Ticket("t2", 2, "From the helpdesk user", Zendesk("42")));

    public static SourcePerson LinkingUser() => Person("u42", 3, "Ann Lee", "ANN@example.com", null, null, Zendesk("42"));
}
