using System.Text.RegularExpressions;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Generator;

namespace CustomerTimeline.Tests.Generator;

public partial class GeneratedDataTests
{
    private static readonly DateTimeOffset Now = Datasets.MediumOptions.Now;
    private static IReadOnlyList<GeneratedCustomer> Data => Datasets.Medium;
    private static IEnumerable<TimelineEvent> Events => Data.SelectMany(c => c.Events);

    [Fact]
    public void Source_record_ids_are_unique_per_source()
    {
        var duplicates = Events.GroupBy(e => (e.Source, e.SourceRecordId)).Where(g => g.Count() > 1).Select(g => g.Key);
        duplicates.ShouldBeEmpty();
    }

    [Fact]
    public void Identity_keys_are_unique_across_the_dataset()
    {
        var duplicates = Data.SelectMany(c => c.Identities).GroupBy(i => (i.Kind, i.Value)).Where(g => g.Count() > 1).Select(g => g.Key);
        duplicates.ShouldBeEmpty();
    }

    [Fact]
    public void Details_deserialize_to_the_type_of_the_kind()
    {
        foreach (var e in Events)
        {
            var expected = e.Kind switch
            {
                EventKind.ContactChange => typeof(ContactChangeDetails),
                EventKind.CrmActivity => typeof(CrmActivityDetails),
                EventKind.Ticket => typeof(TicketDetails),
                EventKind.TicketMessage => typeof(TicketMessageDetails),
                EventKind.WebVisit => typeof(WebVisitDetails),
                _ => typeof(SurveyAnswerDetails),
            };
            EventDetails.FromJson(e.Details).ShouldBeOfType(expected);
        }
    }

    [Fact]
    public void Events_are_owned_ordered_and_left_for_the_database_to_number()
    {
        foreach (var c in Data)
        {
            c.Events.ShouldAllBe(e => e.CustomerId == c.Customer.Id && e.Id == 0);
            c.Identities.ShouldAllBe(i => i.CustomerId == c.Customer.Id && i.Id == 0);
            c.Events.Select(e => e.OccurredAt).ShouldBeInOrder();
        }
    }

    [Fact]
    public void Times_are_utc_whole_seconds_within_two_years_before_now()
    {
        foreach (var e in Events)
        {
            e.OccurredAt.Offset.ShouldBe(TimeSpan.Zero);
            (e.OccurredAt.UtcTicks % TimeSpan.TicksPerSecond).ShouldBe(0);
            e.OccurredAt.ShouldBeInRange(Now.AddDays(-800), Now);
            e.SourceUpdatedAt.ShouldBeInRange(e.OccurredAt, Now);
        }
        foreach (var c in Data.Select(g => g.Customer))
        {
            c.UpdatedAt.ShouldBeGreaterThanOrEqualTo(c.CreatedAt);
            c.UpdatedAt.ShouldBeLessThanOrEqualTo(Now);
        }
    }

    [Fact]
    public void Common_columns_fit_the_schema_and_classification_is_left_empty()
    {
        foreach (var e in Events)
        {
            e.Title.Length.ShouldBeInRange(1, 400);
            e.SourceRecordId.Length.ShouldBeInRange(1, 128);
            e.StageKey.ShouldBeNull();
            e.TouchpointKey.ShouldBeNull();
            (e.Sentiment is null).ShouldBe(e.Kind != EventKind.SurveyAnswer);
        }
    }

    [Fact]
    public void Customers_and_identities_have_well_formed_values()
    {
        foreach (var g in Data)
        {
            var c = g.Customer;
            c.DisplayName.ShouldNotBeNullOrWhiteSpace();
            c.SearchText.Any(char.IsUpper).ShouldBeFalse();
            c.SearchText.ShouldContain(c.PrimaryEmail!);
            if (c.Phone is not null) E164().IsMatch(c.Phone).ShouldBeTrue(c.Phone);
            foreach (var i in g.Identities)
            {
                var ok = i.Kind switch
                {
                    IdentityKind.Email or IdentityKind.MatomoUserId => i.Value == c.PrimaryEmail && !i.Value.Any(char.IsUpper),
                    IdentityKind.Phone => i.Value == c.Phone,
                    IdentityKind.DataverseContactId => Guid.TryParse(i.Value, out _),
                    IdentityKind.ZendeskUserId => Digits().IsMatch(i.Value),
                    IdentityKind.MatomoVisitorId => Hex().IsMatch(i.Value) && i.Value.Length == 16,
                    _ => Hex().IsMatch(i.Value) && i.Value.Length == 32,
                };
                ok.ShouldBeTrue($"{i.Kind} {i.Value}");
            }
            g.Identities.Select(i => i.Kind).ShouldContain(IdentityKind.Email);
            g.Identities.Select(i => i.Kind).ShouldContain(IdentityKind.DataverseContactId);
        }
    }

    [Fact]
    public void Ticket_messages_belong_to_an_earlier_ticket_of_the_same_customer()
    {
        foreach (var c in Data)
        {
            var tickets = c.Events.Where(e => e.Kind == EventKind.Ticket).ToDictionary(e => e.SourceRecordId);
            foreach (var m in c.Events.Where(e => e.Kind == EventKind.TicketMessage))
            {
                var details = (TicketMessageDetails)EventDetails.FromJson(m.Details);
                tickets.ShouldContainKey(details.TicketId);
                m.OccurredAt.ShouldBeGreaterThanOrEqualTo(tickets[details.TicketId].OccurredAt);
            }
        }
    }

    [Fact]
    public void Tickets_use_the_zendesk_vocabulary()
    {
        var tickets = Events.Where(e => e.Kind == EventKind.Ticket).Select(e => (TicketDetails)EventDetails.FromJson(e.Details)).ToList();

        tickets.Select(t => t.Status).Distinct().Order().ShouldBe(["closed", "new", "open", "pending", "solved"]);
        tickets.Select(t => t.Priority).Distinct().Order().ShouldBe(["high", "low", "normal", "urgent"]);
        tickets.Select(t => t.Type).Distinct().Order().ShouldBe(["incident", "problem", "question", "task"]);
        tickets.ShouldAllBe(t => (t.SolvedAt != null) == (t.Status == "solved" || t.Status == "closed"));
        tickets.ShouldAllBe(t => t.Tags.Count > 0);

        var messages = Events.Where(e => e.Kind == EventKind.TicketMessage).Select(e => (TicketMessageDetails)EventDetails.FromJson(e.Details)).ToList();
        messages.Select(m => m.Via).Distinct().Order().ShouldBe(["chat", "email", "web"]);
        messages.Select(m => m.Author).Distinct().Order().ShouldBe(["agent", "customer"]);
        messages.ShouldContain(m => !m.IsPublic);
    }

    [Fact]
    public void Crm_activities_cover_every_activity_channel()
    {
        var channels = Events.Where(e => e.Kind == EventKind.CrmActivity).Select(e => e.Channel).Distinct().Order();
        channels.ShouldBe([Channel.Email, Channel.Phone, Channel.Meeting, Channel.Note, Channel.Task]);
        var directions = Events.Where(e => e.Channel == Channel.Email && e.Source == EventSource.Dataverse)
            .Select(e => ((CrmActivityDetails)EventDetails.FromJson(e.Details)).Direction).Distinct().Order();
        directions.ShouldBe(["Incoming", "Outgoing"]);
    }

    [Fact]
    public void Web_visits_look_like_matomo_visits()
    {
        var visits = Events.Where(e => e.Kind == EventKind.WebVisit).Select(e => (WebVisitDetails)EventDetails.FromJson(e.Details)).ToList();

        visits.ShouldAllBe(v => v.Pages.Count > 0 && v.DurationSeconds == v.Pages.Sum(p => p.TimeSpentSeconds));
        visits.ShouldContain(v => v.UserId == null);
        visits.ShouldContain(v => v.UserId != null);
        visits.Select(v => v.ReferrerType).Distinct().Order().ShouldBe(["campaign", "direct", "search", "social", "website"]);
        var paths = visits.SelectMany(v => v.Pages).Select(p => new Uri(p.Url).AbsolutePath).ToHashSet();
        paths.ShouldContain("/pricing");
        paths.ShouldContain("/signup");
        paths.ShouldContain("/checkout");
        paths.ShouldContain(p => p.StartsWith("/docs/", StringComparison.Ordinal));
        visits.SelectMany(v => v.Goals).ShouldContain("signup");
    }

    [Fact]
    public void Survey_answers_stay_on_their_scale_and_comments_come_in_two_languages()
    {
        var answers = Events.Where(e => e.Kind == EventKind.SurveyAnswer).ToList();
        foreach (var e in answers)
        {
            var s = (SurveyAnswerDetails)EventDetails.FromJson(e.Details);
            (s.SurveyType, s.ScaleMin, s.ScaleMax).ShouldBeOneOf(("NPS", 0, 10), ("CSAT", 1, 5), ("CES", 1, 7));
            s.Score.ShouldBeInRange(s.ScaleMin, s.ScaleMax);
            e.Sentiment!.Value.ShouldBeInRange(-1, 1);
            if (s.SurveyType == "NPS" && s.Score >= 9) e.Sentiment.Value.ShouldBeGreaterThan(0);
            if (s.SurveyType == "NPS" && s.Score <= 6) e.Sentiment.Value.ShouldBeLessThan(0);
        }
        var details = answers.Select(e => (SurveyAnswerDetails)EventDetails.FromJson(e.Details)).ToList();
        details.Select(s => s.SurveyType).Distinct().Count().ShouldBe(3);
        details.ShouldContain(s => s.Comment == null);
        details.ShouldContain(s => s.Comment != null && s.Language == "fr");
        details.ShouldContain(s => s.Comment != null && s.Language == "en");
    }

    [Fact]
    public void Some_customers_are_french()
    {
        var french = Data.Where(c => c.Customer.Phone?.StartsWith("+33", StringComparison.Ordinal) == true).ToList();
        french.Count.ShouldBeGreaterThan(Data.Count / 10);
        Data.ShouldContain(c => c.Customer.DisplayName.Any(ch => "éèëêïîçô".Contains(ch)));
    }

    [GeneratedRegex(@"^\+[1-9]\d{7,14}$")]
    private static partial Regex E164();

    [GeneratedRegex("^[0-9]+$")]
    private static partial Regex Digits();

    [GeneratedRegex("^[0-9a-f]+$")]
    private static partial Regex Hex();
}
