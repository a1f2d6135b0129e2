using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Journey;

namespace CustomerTimeline.Tests.Journey;

public sealed class JourneyClassifierTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 10, 10, 0, 0, TimeSpan.Zero);
    private readonly JourneyClassifier _classifier = new(DefaultJourneyMap.Load());

    private static TimelineEvent Event(EventKind kind, EventDetails details, DateTimeOffset? at = null, string title = "") => new()
    {
        Kind = kind,
        Source = kind switch
        {
            EventKind.WebVisit => EventSource.Matomo,
            EventKind.SurveyAnswer => EventSource.Typeform,
            EventKind.Ticket or EventKind.TicketMessage => EventSource.Zendesk,
            _ => EventSource.Dataverse,
        },
        SourceRecordId = Guid.NewGuid().ToString(),
        OccurredAt = at ?? T0,
        Title = title,
        Details = details.ToJson(),
    };

    private static TimelineEvent Visit(string path, string? referrerType = null, string[]? goals = null, DateTimeOffset? at = null) =>
        Event(EventKind.WebVisit, new WebVisitDetails("v1", null, [new VisitedPage("https://example.com" + path, null, 30)], 30,
            null, referrerType, "desktop", "Firefox", "fr", goals ?? []), at);

    private static TimelineEvent Activity(string type, string subject, DateTimeOffset? at = null) =>
        Event(EventKind.CrmActivity, new CrmActivityDetails(type, subject, null, null, null, null), at, subject);

    private static TimelineEvent Survey(string type, int score) =>
        Event(EventKind.SurveyAnswer, new SurveyAnswerDetails("f", type, score, type == "NPS" ? 0 : 1, type switch { "NPS" => 10, "CSAT" => 5, _ => 7 }, null, "en"));

    public static TheoryData<string, Func<TimelineEvent>, DateTimeOffset?> Cases => new()
    {
        { "promoter", () => Survey("NPS", 9), null },
        { "relationship-survey", () => Survey("NPS", 4), null },
        { "satisfaction-survey", () => Survey("CSAT", 2), null },
        { "satisfaction-survey", () => Survey("CES", 6), null },
        { "ticket", () => Event(EventKind.Ticket, new TicketDetails("Sync fails", "open", "high", "incident", ["sync"], null, null)), null },
        { "ticket-conversation", () => Event(EventKind.TicketMessage, new TicketMessageDetails("1", "customer", true, "hi", "email")), null },
        { "contract", () => Event(EventKind.ContactChange, new ContactChangeDetails(["lifecyclestage"], null, "customer")), null },
        { "account-management", () => Event(EventKind.ContactChange, new ContactChangeDetails(["jobtitle"], "CTO", "other")), null },
        { "crm-lead", () => Event(EventKind.ContactChange, new ContactChangeDetails(["lifecyclestage"], null, "lead")), null },
        { "crm-opportunity", () => Event(EventKind.ContactChange, new ContactChangeDetails(["lifecyclestage"], null, "opportunity")), null },
        { "referral", () => Event(EventKind.ContactChange, new ContactChangeDetails(["lifecyclestage"], null, "evangelist")), null },
        { "renewal-talk", () => Activity("appointment", "Renewal discussion 2027"), null },
        { "onboarding-session", () => Activity("appointment", "Onboarding kick-off"), null },
        { "welcome-email", () => Activity("email", "Welcome to Contoso"), null },
        { "contract", () => Activity("task", "Purchase order received"), null },
        { "newsletter", () => Activity("email", "October newsletter"), null },
        { "demo", () => Activity("appointment", "Product demo"), null },
        { "account-management", () => Activity("phonecall", "Quarterly check-in", T0.AddDays(40)), T0 },
        { "sales-call", () => Activity("phonecall", "Intro call"), null },
        { "sales-email", () => Activity("email", "Following up"), null },
        { "checkout", () => Visit("/signup"), null },
        { "checkout", () => Visit("/", goals: ["purchase"]), null },
        { "billing", () => Visit("/billing/invoices"), null },
        { "help-center", () => Visit("/support/articles/42"), null },
        { "referral", () => Visit("/referral"), null },
        { "first-use", () => Visit("/app/projects", at: T0.AddDays(3)), T0 },
        { "product-use", () => Visit("/app/projects", at: T0.AddDays(90)), T0 },
        { "product-use", () => Visit("/dashboard"), null },
        { "pricing", () => Visit("/pricing"), null },
        { "documentation", () => Visit("/docs/api/auth"), null },
        { "product-pages", () => Visit("/features/timeline"), null },
        { "blog", () => Visit("/blog/customer-journey-101"), null },
        { "social", () => Visit("/", "social"), null },
        { "ads", () => Visit("/", "campaign"), null },
        { "search", () => Visit("/", "search"), null },
        { "website", () => Visit("/", "direct"), null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Default_rules_place_events_on_their_touchpoint(string touchpoint, Func<TimelineEvent> make, DateTimeOffset? purchasedAt)
    {
        var (stage, actual) = _classifier.Classify(make(), purchasedAt);
        actual.ShouldBe(touchpoint);
        stage.ShouldBe(_classifier.Map.Touchpoints.Single(t => t.Key == touchpoint).Stage);
    }

    [Fact]
    public void Every_default_touchpoint_is_reachable_by_some_rule()
    {
        var map = DefaultJourneyMap.Load();
        var targeted = map.Rules.Select(r => r.Touchpoint).ToHashSet();
        map.Touchpoints.Select(t => t.Key).Where(k => !targeted.Contains(k)).ShouldBeEmpty();
        JourneyMapValidator.Validate(map).ShouldBeEmpty();
    }

    [Fact]
    public void Purchase_is_found_and_time_rules_use_it()
    {
        var events = new List<TimelineEvent>
        {
            Visit("/pricing", at: T0.AddDays(-10)),
            Visit("/checkout", at: T0),
            Visit("/app", at: T0.AddDays(5)),
            Visit("/app", at: T0.AddDays(60)),
        };
        _classifier.ClassifyAll(events);
        events.Select(e => e.TouchpointKey).ShouldBe(["pricing", "checkout", "first-use", "product-use"]);
        events.Select(e => e.StageKey).ShouldBe(["consideration", "purchase", "onboarding", "usage"]);
    }

    [Fact]
    public void Glob_matches_paths_case_insensitively()
    {
        UrlGlob.IsMatch("/Pricing/Enterprise", "/pricing*").ShouldBeTrue();
        UrlGlob.IsMatch("/docs/a/b", "/docs/*/b").ShouldBeTrue();
        UrlGlob.IsMatch("/blog", "/docs*").ShouldBeFalse();
        UrlGlob.PathOf("https://example.com/pricing?x=1").ShouldBe("/pricing");
    }

    [Theory]
    [InlineData("Product DÉMO next week", "Call", "demo")]
    [InlineData("Follow-up", "Démo for the team", "demo")]
    [InlineData("Follow-up", "Catch-up", "sales-call")]
    public void Subject_words_match_the_subject_or_the_title_ignoring_case(string subject, string title, string touchpoint)
    {
        var e = Event(EventKind.CrmActivity, new CrmActivityDetails("appointment", subject, null, null, null, null), title: title);
        _classifier.Classify(e, null).Touchpoint.ShouldBe(touchpoint);
    }

    [Theory]
    [InlineData("https://example.com/pricing?x=1")]
    [InlineData("HTTP://Example.com:8080/Docs/A_b-c~d.html#top")]
    [InlineData("https://example.com")]
    [InlineData("https://example.com?q=1")]
    [InlineData("https://example.com/a/../b")]
    [InlineData("https://example.com/./a/.hidden")]
    [InlineData("https://example.com/a b/%7Euser")]
    [InlineData("https://user@example.com/p")]
    [InlineData("http://example.com:abc/p")]
    [InlineData("http://example.com:99999/p")]
    [InlineData("http://example.com:/p")]
    [InlineData("http://:8080/p")]
    [InlineData("http://example.com:8080")]
    [InlineData("https://exa mple.com/p")]
    [InlineData("ftp://example.com/p")]
    [InlineData("/relative/path?x")]
    public void Path_of_a_url_is_what_Uri_says(string url)
    {
        // The fast path for plain URLs must agree with Uri (escaping, dot segments) on every input.
        var expected = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : url.Split('?', '#')[0];
        UrlGlob.PathOf(url).ShouldBe(expected);
    }

    [Fact]
    public void Validation_names_the_bad_rule()
    {
        var map = DefaultJourneyMap.Load();
        var broken = map with
        {
            Rules = [.. map.Rules, new ClassificationRule("no-such-touchpoint", new RuleConditions(), "oops"),
                new ClassificationRule("pricing", new RuleConditions { ScoreMin = 9, ScoreMax = 2 }, "inverted")],
        };
        var errors = JourneyMapValidator.Validate(broken);
        errors.ShouldContain(e => e.Contains("'oops'") && e.Contains("no-such-touchpoint"));
        errors.ShouldContain(e => e.Contains("'inverted'") && e.Contains("scoreMin"));
    }
}
