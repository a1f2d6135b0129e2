using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Security;

namespace CustomerTimeline.Tests.Security;

/// <summary>The documented mask formats (docs/security.md).</summary>
public sealed class PiiMaskTests
{
    [Theory]
    [InlineData("alice.martin@example.com", "a***@e***.com")]
    [InlineData("bob@fabrikam.co.uk", "b***@f***.uk")]
    [InlineData("x@localhost", "x***@l***")]
    [InlineData("not-an-email", "***")]
    public void Emails_keep_first_letters_and_top_level_domain(string email, string expected) =>
        PiiMask.Email(email).ShouldBe(expected);

    [Theory]
    [InlineData("+14155550101", "+1******0101")]
    [InlineData("+33612345678", "+3******5678")]
    [InlineData("0612345678", "0*****5678")]
    [InlineData("12345", "***")]
    public void Phones_keep_the_first_and_last_four_digits(string phone, string expected) =>
        PiiMask.Phone(phone).ShouldBe(expected);

    [Theory]
    [InlineData("https://example.com/unsubscribe?email=a%40b.com", "https://example.com/unsubscribe?***")]
    [InlineData("https://example.com/callback#access_token=abc", "https://example.com/callback#***")]
    [InlineData("https://example.com/pricing", "https://example.com/pricing")]
    [InlineData("https://example.com/search?", "https://example.com/search?***")]
    public void Addresses_keep_their_path_and_hide_query_and_fragment(string url, string expected) =>
        PiiMask.Url(url).ShouldBe(expected);

    [Theory]
    [InlineData("alice.martin@example.com", "a***@e***.com")]
    [InlineData("alice42", "a***")]
    [InlineData("", "***")]
    public void Logins_are_masked_as_emails_when_they_are_one(string login, string expected) =>
        PiiMask.UserId(login).ShouldBe(expected);

    [Theory]
    [InlineData("Alice Martin", "A*** M***")]
    [InlineData("Nguyễn Văn An", "N*** V*** A***")]
    [InlineData("  ", "***")]
    public void Names_keep_initials(string name, string expected) => PiiMask.Name(name).ShouldBe(expected);

    [Fact]
    public void Free_text_is_replaced_by_a_notice_naming_the_permission() =>
        PiiMask.Mask(PiiKind.FreeText, null, "My card number is ...", "Customer.Pii.Read")
            .ShouldBe("[redacted: requires Customer.Pii.Read]");

    [Fact]
    public void Summaries_are_personal_only_for_kinds_with_free_text()
    {
        PiiMask.Applies(PiiKind.EventSummary, Event(EventKind.TicketMessage)).ShouldBeTrue();
        PiiMask.Applies(PiiKind.EventSummary, Event(EventKind.SurveyAnswer)).ShouldBeTrue();
        PiiMask.Applies(PiiKind.EventSummary, Event(EventKind.WebVisit)).ShouldBeFalse();
        PiiMask.Applies(PiiKind.EventSummary, Event(EventKind.ContactChange)).ShouldBeFalse();
    }

    private static TimelineEvent Event(EventKind kind) => new() { Kind = kind, SourceRecordId = "x", Title = "t", Details = "{}" };
}
