using CustomerTimeline.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Tests.Infrastructure;

/// <summary>A small hand-made dataset whose every value the tests can predict.</summary>
public static class SampleData
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public const string AliceEmail = "alice.martin@example.com";
    public const string AlicePhone = "+14155550101";
    public const string AliceZendeskId = "90001";
    public const string AliceVisitorId = "a1b2c3d4e5f60718";
    public const string AliceContactId = "6f1c2d3e-0000-4000-8000-00000000a11c";

    /// <summary>Every email, phone, name and free text of the dataset: none may leak to masked callers or to logs.</summary>
    public static readonly string[] PersonalValues =
    [
        AliceEmail, AlicePhone, "4155550101", "Alice Martin", "bob@fabrikam.fr", "+33612345678", "612345678", "Bob Durand",
        "carol@example.org", "Carol Nguyen", "Hello Alice", "Discussed setup", "Sync is failing", "Message 1",
        "Message 2", "Pas satisfait du tout", "Customer unhappy", "Great support, merci !",
    ];

    /// <summary>The database id of the seeded customer with this primary email.</summary>
    public static Task<long> CustomerIdAsync(TimelineApiFactory api, string primaryEmail)
    {
        ArgumentNullException.ThrowIfNull(api);
        return api.WithDbAsync(db => db.Customers.Where(c => c.PrimaryEmail == primaryEmail).Select(c => c.Id).SingleAsync());
    }

    public static async Task SeedAsync(TimelineDbContext db)
    {
        var alice = NewCustomer("Alice Martin", AliceEmail, AlicePhone, "Contoso");
        var bob = NewCustomer("Bob Durand", "bob@fabrikam.fr", "+33612345678", "Fabrikam");
        var carol = NewCustomer("Carol Nguyen", "carol@example.org", null, "Northwind");
        db.Customers.AddRange(alice, bob, carol);
        await db.SaveChangesAsync();

        db.Identities.AddRange(
            Identity(alice, IdentityKind.Email, AliceEmail, EventSource.Dataverse),
            Identity(alice, IdentityKind.Phone, AlicePhone, EventSource.Dataverse),
            Identity(alice, IdentityKind.DataverseContactId, AliceContactId, EventSource.Dataverse),
            Identity(alice, IdentityKind.ZendeskUserId, AliceZendeskId, EventSource.Zendesk),
            Identity(alice, IdentityKind.MatomoVisitorId, AliceVisitorId, EventSource.Matomo),
            Identity(bob, IdentityKind.Email, "bob@fabrikam.fr", EventSource.Zendesk),
            Identity(bob, IdentityKind.Phone, "+33612345678", EventSource.Zendesk),
            Identity(carol, IdentityKind.Email, "carol@example.org", EventSource.Typeform));

        db.Events.AddRange(AliceEvents(alice.Id));
        for (var i = 0; i < 5; i++)
            db.Events.Add(Visit(bob.Id, $"bob-visit-{i}", T0.AddDays(i), "b0b0b0b0b0b0b0b0"));
        db.Events.Add(Survey(carol.Id, "carol-nps", T0, 9, "Great support, merci !"));
    }

    /// <summary>Alice: 12 events of every kind; four of them share one timestamp to test stable paging.</summary>
    public static IEnumerable<TimelineEvent> AliceEvents(long customerId)
    {
        yield return Event(customerId, EventSource.Dataverse, "contact-1", EventKind.ContactChange, T0, Channel.Crm,
            "Contact updated", new ContactChangeDetails(["jobtitle"], "CTO", "customer"));
        yield return Event(customerId, EventSource.Dataverse, "email-1", EventKind.CrmActivity, T0.AddHours(1), Channel.Email,
            "Welcome aboard", new CrmActivityDetails("email", "Welcome aboard", "Outgoing", "Hello Alice", null, "Sam"));
        yield return Event(customerId, EventSource.Dataverse, "call-1", EventKind.CrmActivity, T0.AddHours(2), Channel.Phone,
            "Onboarding call", new CrmActivityDetails("phonecall", "Onboarding call", "Incoming", "Discussed setup", 25, "Sam"));
        yield return Event(customerId, EventSource.Zendesk, "ticket-1", EventKind.Ticket, T0.AddDays(1), Channel.Helpdesk,
            "Sync fails", new TicketDetails("Sync fails", "open", "high", "incident", ["sync", "bug"], "Sync is failing", null));
        var same = T0.AddDays(2);
        for (var i = 1; i <= 4; i++)
        {
            yield return Event(customerId, EventSource.Zendesk, $"comment-{i}", EventKind.TicketMessage, same, Channel.Email,
                $"Reply {i}", new TicketMessageDetails("ticket-1", i % 2 == 0 ? "agent" : "customer", true, $"Message {i}", "email"));
        }
        yield return Visit(customerId, "visit-1", T0.AddDays(3), AliceVisitorId);
        yield return Visit(customerId, "visit-2", T0.AddDays(4), AliceVisitorId);
        yield return Survey(customerId, "nps-1", T0.AddDays(5), 3, "Pas satisfait du tout");
        yield return Event(customerId, EventSource.Dataverse, "note-1", EventKind.CrmActivity, T0.AddDays(6), Channel.Note,
            "Escalation note", new CrmActivityDetails("note", "Escalation note", null, "Customer unhappy", null, "Sam"));
    }

    public static TimelineEvent Visit(long customerId, string id, DateTimeOffset at, string visitorId) =>
        Event(customerId, EventSource.Matomo, id, EventKind.WebVisit, at, Channel.Web, "Visited /pricing",
            new WebVisitDetails(visitorId, null, [new VisitedPage("https://example.com/pricing", "Pricing", 40)], 40,
                "https://www.google.com", "search", "desktop", "Firefox", "us", ["viewed-pricing"]));

    public static TimelineEvent Survey(long customerId, string id, DateTimeOffset at, int score, string comment) =>
        Event(customerId, EventSource.Typeform, id, EventKind.SurveyAnswer, at, Channel.Survey, $"NPS {score}",
            new SurveyAnswerDetails("nps-form", "NPS", score, 0, 10, comment, "fr"));

    private static TimelineEvent Event(long customerId, EventSource source, string id, EventKind kind, DateTimeOffset at,
        Channel channel, string title, EventDetails details) => new()
        {
            CustomerId = customerId,
            Source = source,
            SourceRecordId = id,
            Kind = kind,
            OccurredAt = at,
            SourceUpdatedAt = at,
            Channel = channel,
            Title = title,
            Summary = title,
            Details = details.ToJson(),
        };

    private static Customer NewCustomer(string name, string email, string? phone, string company)
    {
        var c = new Customer
        {
            DisplayName = name,
            PrimaryEmail = email,
            Phone = phone,
            Company = company,
            CreatedAt = T0.AddDays(-30),
            UpdatedAt = T0,
        };
        c.RefreshSearchText();
        return c;
    }

    private static CustomerIdentity Identity(Customer c, IdentityKind kind, string value, EventSource source) =>
        new() { CustomerId = c.Id, Kind = kind, Value = value, Source = source, FirstSeenAt = T0 };
}
