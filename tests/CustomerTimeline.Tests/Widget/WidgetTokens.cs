using CustomerTimeline.Tests.Infrastructure;

namespace CustomerTimeline.Tests.Widget;

/// <summary>The tokens the pretend CRM hosts hand to the widget: real test tokens the API accepts.</summary>
internal static class WidgetTokens
{
    public static readonly string Crm = TestTokens.Mint();
    public static readonly string Host = TestTokens.Mint();
}
