using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Generator;

/// <summary>Matomo visits on the vendor site: prospects browse pricing and features, customers their account and docs.</summary>
internal static class MatomoEvents
{
    private static readonly WebPage[] ProspectPages = TextPools.Pages.Where(p => p.ForProspects).ToArray();
    private static readonly WebPage[] CustomerPages = TextPools.Pages.Where(p => p.ForCustomers).ToArray();
    private static readonly WebPage[] PricingPages = TextPools.Pages.Where(p => p.Path is "/pricing" or "/features/timeline"
        or "/features/journey-map" or "/features/integrations" or "/customers").ToArray();
    private static readonly WebPage Pricing = TextPools.Pages.Single(p => p.Path == "/pricing");
    private static readonly WebPage DemoPage = TextPools.Pages.Single(p => p.Path == "/demo");

    public static void RandomVisit(CustomerBuilder b, DateTimeOffset at)
    {
        var identified = b.AlwaysIdentified || b.Rng.Percent(b.IsCustomerAt(at) ? 75 : 25);
        RandomVisitAs(b, at, identified ? b.Persona.Email : null);
    }

    /// <summary>A browsing session suited to the customer's phase; <paramref name="userId"/> null means not logged in.</summary>
    public static void RandomVisitAs(CustomerBuilder b, DateTimeOffset at, string? userId)
    {
        var rng = b.Rng;
        var customer = b.IsCustomerAt(at);
        var pool = customer ? CustomerPages : ProspectPages;
        var (referrerType, referrer) = Referrer(b, customer);
        var pages = new List<WebPage> { Landing(rng, referrerType, customer, pool) };
        var count = rng.Next(100) switch { < 30 => 1, < 55 => 2, < 75 => 3, _ => rng.Next(4, 8) };
        while (pages.Count < count)
        {
            var next = rng.Pick(pool);
            if (next != pages[^1]) pages.Add(next);
        }

        var goals = new List<string>();
        if (pages.Exists(p => p.Path.StartsWith("/blog/", StringComparison.Ordinal)) && rng.Percent(10)) goals.Add("newsletter");
        if (!customer && rng.Percent(6))
        {
            pages.Add(DemoPage);
            goals.Add("demo-request");
        }
        if (customer && rng.Percent(3))
        {
            pages.Add(TextPools.Checkout);
            goals.Add("upgrade");
        }

        Visit(b, at, userId, pages, goals, referrerType, referrer);
    }

    /// <summary>A prospect comparing plans: pricing first, then a feature page or two.</summary>
    public static void PricingVisit(CustomerBuilder b, DateTimeOffset at, string? userId)
    {
        var pages = new List<WebPage> { Pricing };
        for (var n = b.Rng.Next(1, 3); n > 0; n--)
        {
            var next = b.Rng.Pick(PricingPages);
            if (next != pages[^1]) pages.Add(next);
        }
        Visit(b, at, userId, pages, [], "search", b.Rng.Pick(b.Persona.IsFrench ? TextPools.SearchEnginesFr : TextPools.SearchEngines));
    }

    /// <summary>The visit where an anonymous visitor signs up and becomes known by email.</summary>
    public static void SignupVisit(CustomerBuilder b, DateTimeOffset at) =>
        Visit(b, at, b.Persona.Email, [Pricing, TextPools.Signup], ["signup"], "direct", null);

    public static void Visit(
        CustomerBuilder b, DateTimeOffset at, string? userId, IReadOnlyList<WebPage> pages, IReadOnlyList<string> goals,
        string referrerType, string? referrer)
    {
        var rng = b.Rng;
        var visited = new List<VisitedPage>(pages.Count);
        var duration = 0;
        for (var i = 0; i < pages.Count; i++)
        {
            // Matomo cannot time the last page of a visit unless the visitor does something on it.
            var spent = i == pages.Count - 1 ? rng.Next(0, 60) : rng.Next(5, 240);
            duration += spent;
            visited.Add(new VisitedPage(TextPools.SiteUrl + pages[i].Path, pages[i].Title, spent));
        }
        b.Seen(IdentityKind.MatomoVisitorId, at);
        if (userId is not null) b.Seen(IdentityKind.MatomoUserId, at);
        var device = rng.Percent(80) ? b.Persona.Device : rng.Pick(TextPools.Devices);
        var browser = rng.Percent(80) ? b.Persona.Browser : rng.Pick(TextPools.Browsers);
        var title = pages.Count == 1 ? $"Visited {pages[0].Title}" : $"Visited {pages[0].Title} and {pages.Count - 1} more page(s)";
        var summary = string.Join(" → ", pages.Select(p => p.Path)) + (goals.Count > 0 ? $" (goals: {string.Join(", ", goals)})" : "");
        b.Add(EventSource.Matomo, b.NextMatomoId(), Channel.Web, at, at.AddSeconds(duration), title, summary,
            new WebVisitDetails(b.Persona.VisitorId, userId, visited, duration, referrer, referrerType, device, browser,
                b.Persona.Country, goals));
    }

    private static (string Type, string? Name) Referrer(CustomerBuilder b, bool customer)
    {
        var rng = b.Rng;
        return rng.Next(100) switch
        {
            var n when n < (customer ? 50 : 30) => ("direct", null),
            < 62 => ("search", rng.Pick(b.Persona.IsFrench ? TextPools.SearchEnginesFr : TextPools.SearchEngines)),
            < 75 => ("social", rng.Pick(TextPools.SocialNetworks)),
            < 88 => ("campaign", rng.Pick(TextPools.Campaigns)),
            _ => ("website", rng.Pick(TextPools.Websites)),
        };
    }

    private static WebPage Landing(DeterministicRandom rng, string referrerType, bool customer, WebPage[] pool)
    {
        var prefix = referrerType switch
        {
            "search" => rng.Pick(["/blog/", "/features/", "/docs/"]),
            "social" => "/blog/",
            "campaign" => customer ? "/features/" : rng.Pick(["/pricing", "/features/"]),
            "website" => "/features/",
            _ => customer ? rng.Pick(["/account", "/"]) : "/",
        };
        var matches = pool.Where(p => prefix == "/" ? p.Path == "/" : p.Path.StartsWith(prefix, StringComparison.Ordinal)).ToArray();
        return matches.Length > 0 ? rng.Pick(matches) : pool[0];
    }
}
