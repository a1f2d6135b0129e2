using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Relay;

namespace CustomerTimeline.Tests.Widget;

/// <summary>
/// Customers whose events carry journey stages, so the widget's lanes, filters and paging can be predicted.
/// Dana has 45 events cycling through four sources; Eve has three and receives the live events.
/// </summary>
public static class WidgetData
{
    public static readonly DateTimeOffset T0 = new(2026, 5, 4, 8, 0, 0, TimeSpan.Zero);

    /// <summary>What the security branch's PII masking produces: the widget must show it as given.</summary>
    public const string MaskedEmail = "a***@e***.com";

    public const int DanaEvents = 45;

    /// <summary>Eve's requester id in the helpdesk: what a Zendesk sidebar app knows her by.</summary>
    public const string EveZendeskId = "381255001";

    public static async Task<(string Dana, string Eve)> SeedAsync(TimelineDbContext db)
    {
        var dana = NewCustomer("Dana Lopez", "Tailspin Toys");
        var eve = NewCustomer("Eve Moreau", "Litware");
        db.Customers.AddRange(dana, eve);
        await db.SaveChangesAsync();

        for (var i = 0; i < DanaEvents; i++)
            db.Events.Add(DanaEvent(dana.Id, i));
        db.Identities.Add(new CustomerIdentity
        {
            CustomerId = eve.Id, Kind = IdentityKind.ZendeskUserId, Value = EveZendeskId, Source = EventSource.Zendesk, FirstSeenAt = T0,
        });
        db.Events.Add(Visit(eve.Id, "eve-visit", T0, "interest", "Read the pricing page"));
        db.Events.Add(Activity(eve.Id, "eve-call", T0.AddHours(1), "consideration", "Demo call"));
        db.Events.Add(Ticket(eve.Id, "eve-ticket", T0.AddHours(2), "support", "Cannot export", "Opened by the customer"));
        await db.SaveChangesAsync();
        return (GlobalId.Encode(GlobalId.CustomerType, dana.Id), GlobalId.Encode(GlobalId.CustomerType, eve.Id));
    }

    /// <summary>
    /// i % 4: 0 web visit (interest, 12 events), 1 CRM activity (consideration, 11), 2 ticket (support, 11),
    /// 3 survey answer (advocacy when i % 8 == 3, 6 events; no stage otherwise, 5 events).
    /// </summary>
    public static TimelineEvent DanaEvent(long customerId, int i)
    {
        var at = T0.AddHours(i);
        return (i % 4) switch
        {
            0 => Visit(customerId, $"dana-{i}", at, "interest", $"Visit {i:00}"),
            1 => Activity(customerId, $"dana-{i}", at, "consideration", $"Call {i:00}"),
            2 => Ticket(customerId, $"dana-{i}", at, "support", $"Ticket {i:00}", $"Reply sent to {MaskedEmail}"),
            _ => Survey(customerId, $"dana-{i}", at, i % 8 == 3 ? "advocacy" : null, $"Survey {i:00}"),
        };
    }

    public static TimelineEvent Ticket(long customerId, string id, DateTimeOffset at, string? stage, string title, string summary) =>
        Event(customerId, EventSource.Zendesk, id, EventKind.Ticket, at, Channel.Helpdesk, stage, title, summary,
            new TicketDetails(title, "open", "high", "incident", ["widget"], summary, null));

    private static TimelineEvent Visit(long customerId, string id, DateTimeOffset at, string? stage, string title) =>
        Event(customerId, EventSource.Matomo, id, EventKind.WebVisit, at, Channel.Web, stage, title, title,
            new WebVisitDetails("0123456789abcdef", null, [new VisitedPage("https://example.com/pricing", "Pricing", 90)], 90,
                null, "direct", "desktop", "Firefox", "fr", []));

    private static TimelineEvent Activity(long customerId, string id, DateTimeOffset at, string? stage, string title) =>
        Event(customerId, EventSource.Dataverse, id, EventKind.CrmActivity, at, Channel.Phone, stage, title, title,
            new CrmActivityDetails("phonecall", title, "Outgoing", "Talked it through", 20, "Sam"));

    private static TimelineEvent Survey(long customerId, string id, DateTimeOffset at, string? stage, string title) =>
        Event(customerId, EventSource.Typeform, id, EventKind.SurveyAnswer, at, Channel.Survey, stage, title, title,
            new SurveyAnswerDetails("nps-form", "NPS", 9, 0, 10, "Very helpful", "en"));

    private static TimelineEvent Event(long customerId, EventSource source, string id, EventKind kind, DateTimeOffset at,
        Channel channel, string? stage, string title, string summary, EventDetails details) => new()
        {
            CustomerId = customerId,
            Source = source,
            SourceRecordId = id,
            Kind = kind,
            OccurredAt = at,
            SourceUpdatedAt = at,
            Channel = channel,
            StageKey = stage,
            Title = title,
            Summary = summary,
            Details = details.ToJson(),
        };

    private static Customer NewCustomer(string name, string company)
    {
        var c = new Customer { DisplayName = name, Company = company, CreatedAt = T0.AddDays(-10), UpdatedAt = T0 };
        c.RefreshSearchText();
        return c;
    }
}
