using CustomerTimeline.Api.Connectors;

namespace CustomerTimeline.Tests.Connectors;

public sealed class HtmlTextTests
{
    [Theory]
    [InlineData("Plain text stays as it is", "Plain text stays as it is")]
    [InlineData("Price < 100 and > 50, a<b", "Price < 100 and > 50, a<b")]
    [InlineData("<p>One</p><p>Two &lt;3</p>", "One\n\nTwo <3")]
    [InlineData("Line one<br/>line&nbsp;two", "Line one\nline two")]
    [InlineData("<div data-wrapper=\"true\" style=\"font-size:9pt\"><span>Rich  text</span> note</div>", "Rich text note")]
    [InlineData("<ul><li>first</li><li>second</li></ul>", "first\n\nsecond")]
    public void Html_becomes_the_text_a_reader_sees(string html, string text) => HtmlText.ToPlain(html).ShouldBe(text);

    [Fact]
    public void Head_style_script_and_comments_are_not_text()
    {
        const string html = "<!DOCTYPE html><html><head><title>Mail</title><style>.x{color:red}</style></head>"
            + "<body><script>track()</script><!-- [if mso] -->Hello</body></html>";

        HtmlText.ToPlain(html).ShouldBe("Hello");
    }

    [Fact]
    public void Nothing_stays_nothing()
    {
        HtmlText.ToPlain(null).ShouldBeNull();
        HtmlText.ToPlain("").ShouldBe("");
    }
}
