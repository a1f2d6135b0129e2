using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Tests.Insights;

/// <summary>A large customer's refresh window keeps what the score and the rules read of analyzed events, not their text.</summary>
public sealed class AnalyzedDetailsTests
{
    [Fact]
    public void An_analyzed_events_free_text_is_let_go_and_every_other_field_kept()
    {
        var message = Event(new TicketMessageDetails("T-1", "customer", true, "It is still broken, third time!", "email"));
        var ticket = Event(new TicketDetails("Sync fails", "solved", "high", "problem", ["sync"], "Long description", DateTimeOffset.UnixEpoch));
        var survey = Event(new SurveyAnswerDetails("nps-form", "NPS", 3, 0, 10, "Terrible support", "en"));
        var visit = Event(new WebVisitDetails("v1", null, [new VisitedPage("https://example.com/pricing", "Pricing", 30)], 30, null, null, "desktop", "Firefox", "en", []));

        foreach (var e in new[] { message, ticket, survey, visit }) e.KeepAnalyzedDetailsOnly();

        message.ParsedDetails.ShouldBe(new TicketMessageDetails("T-1", "customer", true, "", "email"));
        ticket.DetailsAs<TicketDetails>().ShouldSatisfyAllConditions(
            t => t.Description.ShouldBeNull(), t => t.Subject.ShouldBe("Sync fails"), t => t.Tags.ShouldBe(["sync"]),
            t => t.SolvedAt.ShouldBe(DateTimeOffset.UnixEpoch), t => t.Type.ShouldBe("problem"));
        survey.ParsedDetails.ShouldBe(new SurveyAnswerDetails("nps-form", "NPS", 3, 0, 10, null, "en"));
        visit.DetailsAs<WebVisitDetails>().Pages.ShouldHaveSingleItem().Url.ShouldBe("https://example.com/pricing");
        message.Details.ShouldBe("", "the JSON is let go too");
    }

    private static TimelineEvent Event(EventDetails details) => new()
    {
        SourceRecordId = "r",
        Title = "",
        Details = details.ToJson(),
        Intents = "",
    };
}
