using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Live;
using CustomerTimeline.Api.Relay;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CustomerTimeline.Tests.Widget;

/// <summary>The widget in headless Chromium against the real API on a loopback port.</summary>
public sealed partial class WidgetBrowserTests(WidgetBrowserFixture fixture) : IClassFixture<WidgetBrowserFixture>
{
    private static string Sidebar(string customerId, int height = 600) =>
        $"{WidgetBrowserFixture.CrmOrigin}/sidebar?customerId={Uri.EscapeDataString(customerId)}&height={height}";

    [ChromiumFact]
    public async Task Renders_the_customer_with_events_in_their_journey_lanes_in_a_narrow_sidebar()
    {
        await using var session = await fixture.OpenAsync(width: 320, height: 900);
        await session.Page.GotoAsync(Sidebar(fixture.DanaId, height: 860));
        var widget = session.Widget;

        await Expect(widget.Locator("header h2")).ToHaveTextAsync("Dana Lopez");
        await Expect(widget.Locator(".summary")).ToHaveTextAsync("Showing 20 of 45 events");
        // Lanes are the journey map's stages in map order; events without a stage land in "Unclassified", last.
        var lanes = widget.Locator("li.lane");
        await Expect(lanes).ToHaveCountAsync(10);
        (await lanes.EvaluateAllAsync<string[]>("ls => ls.map(l => l.dataset.stage + ':' + l.dataset.count)"))
            .ShouldBe(["awareness:0", "interest:12", "consideration:11", "purchase:0", "onboarding:0", "usage:0",
                "support:11", "renewal:0", "advocacy:6", "unclassified:5"]);
        await Expect(widget.Locator("li.lane[data-stage=support] h4")).ToContainTextAsync("Support");
        await Expect(widget.Locator("li.lane[data-stage=consideration] h4")).ToContainTextAsync("Consideration / evaluation");
        (await widget.Locator("li.lane[data-stage=support] .lane-events li").AllTextContentsAsync())
            .ShouldBe(["Ticket 42", "Ticket 38", "Ticket 34", "Ticket 30"]);
        (await widget.Locator("li.lane[data-stage=unclassified] .lane-events li").AllTextContentsAsync())
            .ShouldBe(["Survey 39", "Survey 31", "Survey 23", "Survey 15"]);
        await Expect(widget.Locator("li.lane[data-stage=unclassified] h4")).ToContainTextAsync("Unclassified");
        // These rows were written directly, before any insight was computed: the newest event (44, a visit)
        // sets the current stage, named from the journey map.
        await Expect(widget.Locator(".badge.stage")).ToHaveTextAsync("Interest / research");
        await Expect(widget.Locator("li.lane[data-current]")).ToHaveAttributeAsync("data-stage", "interest");

        // Masked PII is shown exactly as the API sent it.
        await Expect(widget.Locator("li.event", new() { HasText = "Ticket 42" }).Locator(".event-summary"))
            .ToHaveTextAsync($"Reply sent to {WidgetData.MaskedEmail}");
        // Accessible structure: a named timeline list, a polite live region.
        await Expect(session.Page.GetByRole(AriaRole.List, new() { Name = "Timeline" })).ToBeVisibleAsync();
        await Expect(widget.Locator("[role=status][aria-live=polite]")).ToHaveCountAsync(1);
        // Readable at 320 px: nothing overflows the sidebar sideways.
        (await session.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 320")).ShouldBeTrue();
        // The token went in the Authorization header, never in a URL.
        session.GraphQLRequests.ShouldNotBeEmpty();
        session.GraphQLRequests.ShouldAllBe(r => r.Authorization == "Bearer " + WidgetTokens.Crm);

        await session.ScreenshotAsync("widget-sidebar-320px");
        session.ShouldHaveNoConsoleErrors();
    }

    [ChromiumFact]
    public async Task Source_and_kind_filters_query_the_server_and_change_the_list()
    {
        await using var session = await fixture.OpenAsync(width: 1000, height: 900);
        await session.Page.GotoAsync(Sidebar(fixture.DanaId));
        var widget = session.Widget;
        await Expect(widget.Locator(".summary")).ToHaveTextAsync("Showing 20 of 45 events");
        await Expect(widget.Locator("li.event[data-source=MATOMO]")).Not.ToHaveCountAsync(0);

        // The filters fold away (a sidebar is narrow); their summary opens them from the keyboard too.
        await widget.Locator(".filter-box summary").FocusAsync();
        await session.Page.Keyboard.PressAsync("Enter");
        await Expect(widget.Locator(".filter-box")).ToHaveAttributeAsync("open", "");
        await session.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Web analytics" }).UncheckAsync();
        await Expect(widget.Locator(".summary")).ToHaveTextAsync("Showing 20 of 33 events");
        await Expect(widget.Locator(".filter-state")).ToHaveTextAsync("(3 of 4 sources, 6 of 6 kinds)");
        await Expect(widget.Locator("li.event[data-source=MATOMO]")).ToHaveCountAsync(0);
        // The list was filtered by the server, through the timeline's `filter` argument.
        session.GraphQLRequests.Select(r => JsonNode.Parse(r.Body)!["variables"]?["filter"]?["sources"]?.AsArray())
            .Where(sources => sources is not null)
            .Select(sources => string.Join(",", sources!.Select(s => s!.GetValue<string>()).Order()))
            .ShouldContain("DATAVERSE,TYPEFORM,ZENDESK");

        await session.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Tickets" }).UncheckAsync();
        await Expect(widget.Locator(".summary")).ToHaveTextAsync("Showing 20 of 22 events");
        await Expect(widget.Locator("li.event[data-kind=TICKET]")).ToHaveCountAsync(0);

        // Keyboard: the chips are real checkboxes, focusable and toggled with Space.
        var surveys = session.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Surveys" });
        await surveys.FocusAsync();
        await session.Page.Keyboard.PressAsync("Space");
        await Expect(surveys).Not.ToBeCheckedAsync();
        await Expect(widget.Locator(".summary")).ToHaveTextAsync("Showing 11 of 11 events");
        (await widget.Locator("li.event").EvaluateAllAsync<string[]>("ls => [...new Set(ls.map(l => l.dataset.source))]"))
            .ShouldBe(["DATAVERSE"]);

        // Nothing selected means nothing shown (the API would read an empty list as "any").
        await session.Page.GetByRole(AriaRole.Checkbox, new() { Name = "CRM", Exact = true }).UncheckAsync();
        await Expect(widget.Locator(".summary")).ToHaveTextAsync("Showing 0 of 0 events"); // Helpdesk is left, but no ticket messages
        await Expect(widget.Locator(".sentinel .end")).ToHaveTextAsync("No events match these filters.");
        await session.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Helpdesk" }).UncheckAsync();
        await Expect(widget.Locator("li.event")).ToHaveCountAsync(0);
        await Expect(widget.Locator(".summary")).ToHaveTextAsync("Select at least one source and one kind.");

        await session.ScreenshotAsync("widget-filtered");
        session.ShouldHaveNoConsoleErrors();
    }

    [ChromiumFact]
    public async Task Older_pages_load_as_the_list_is_scrolled()
    {
        await using var session = await fixture.OpenAsync(width: 1000, height: 800);
        await session.Page.GotoAsync(Sidebar(fixture.DanaId, height: 600));
        var widget = session.Widget;
        var events = widget.Locator("li.event");
        await Expect(widget.Locator(".summary")).ToHaveTextAsync("Showing 20 of 45 events");
        await Expect(events).ToHaveCountAsync(20);
        await Expect(widget.Locator(".sentinel button")).ToHaveTextAsync("Load older events");

        await events.Nth(19).ScrollIntoViewIfNeededAsync();
        await Expect(events).ToHaveCountAsync(40);
        await events.Nth(39).ScrollIntoViewIfNeededAsync();
        await Expect(events).ToHaveCountAsync(45);
        await Expect(widget.Locator(".sentinel .end")).ToHaveTextAsync("Beginning of the timeline");

        var times = await events.EvaluateAllAsync<string[]>("ls => ls.map(l => l.dataset.time)");
        times.ShouldBe(times.OrderByDescending(t => DateTimeOffset.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        (await events.EvaluateAllAsync<string[]>("ls => ls.map(l => l.dataset.id)")).Distinct().Count().ShouldBe(45);
        // Each page continued after the previous page's endCursor.
        session.GraphQLRequests.Count(r => r.Body.Contains("CustomerTimelinePage", StringComparison.Ordinal) && AfterCursor().IsMatch(r.Body))
            .ShouldBe(2);

        await session.ScreenshotAsync("widget-all-pages");
        session.ShouldHaveNoConsoleErrors();
    }

    [ChromiumFact]
    public async Task An_event_stored_by_the_server_appears_live_without_a_reload()
    {
        await using var session = await fixture.OpenAsync(width: 360, height: 900);
        await session.Page.GotoAsync(Sidebar(fixture.EveId, height: 860));
        var widget = session.Widget;
        await Expect(widget.Locator(".summary")).ToHaveTextAsync("Showing 3 of 3 events");
        await Expect(widget.Locator(".badge.live")).ToHaveAttributeAsync("data-state", "live");
        session.SocketFramesSent.ShouldContain(f => f.Contains("connection_init", StringComparison.Ordinal) && f.Contains("Bearer " + WidgetTokens.Crm, StringComparison.Ordinal));

        var title = "Export still broken " + Guid.NewGuid().ToString("N")[..6];
        long eveId = 0;
        GlobalId.TryDecode(fixture.EveId, out _, out eveId).ShouldBeTrue();
        var ticket = WidgetData.Ticket(eveId, "eve-live-" + Guid.NewGuid().ToString("N"), WidgetData.T0.AddDays(3), "support", title, "Customer wrote again");
        await fixture.Api.SeedAsync(db =>
        {
            db.Events.Add(ticket);
            return Task.CompletedTask;
        });
        // A subscription is registered on the server a moment after the widget subscribes, and the protocol
        // has no acknowledgement for it: publish until the widget shows the event (it ignores repeats).
        var notifier = fixture.Api.Services.GetRequiredService<ITimelineNotifier>();
        var item = widget.Locator("li.event", new() { HasText = title });
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await item.CountAsync() == 0 && DateTime.UtcNow < deadline)
        {
            notifier.EventAdded(eveId, ticket.Id);
            await Task.Delay(200);
        }

        await Expect(item).ToHaveCountAsync(1);
        await Expect(widget.Locator("li.event").First).ToContainTextAsync(title);
        await Expect(widget.Locator(".summary")).ToHaveTextAsync("Showing 4 of 4 events");
        await Expect(widget.Locator("li.lane[data-stage=support]")).ToHaveAttributeAsync("data-count", "2");
        await Expect(widget.Locator("li.lane[data-stage=support] .lane-events li").First).ToHaveTextAsync(title);
        await Expect(widget.Locator("[role=status]")).ToHaveTextAsync($"New event: {title} (Helpdesk)");
        (await session.Page.EvaluateAsync<string>("() => window.hostMarker")).ShouldBe("set before any live update");

        await session.ScreenshotAsync("widget-live-event");
        session.ShouldHaveNoConsoleErrors();
    }

    [ChromiumFact]
    public async Task When_its_customer_is_erased_the_widget_says_live_updates_ended_and_stops_reconnecting()
    {
        var finn = new Customer { DisplayName = "Finn Berg", Company = "Northwind", CreatedAt = WidgetData.T0, UpdatedAt = WidgetData.T0 };
        finn.RefreshSearchText();
        await fixture.Api.SeedAsync(async db =>
        {
            db.Customers.Add(finn);
            await db.SaveChangesAsync();
            db.Events.Add(WidgetData.Ticket(finn.Id, "finn-ticket", WidgetData.T0, "support", "Finn's ticket", "Opened"));
        });
        var finnId = GlobalId.Encode(GlobalId.CustomerType, finn.Id);
        await using var session = await fixture.OpenAsync(width: 360, height: 900);
        await session.Page.GotoAsync(Sidebar(finnId, height: 860));
        var widget = session.Widget;
        await Expect(widget.Locator(".badge.live")).ToHaveAttributeAsync("data-state", "live");

        using var officer = fixture.Api.CreateGraphQLClient([TestTokens.Read, TestTokens.Write, TestTokens.PrivacyManage]);
        await officer.QueryAsync("mutation($id: ID!) { eraseCustomer(id: $id) { alreadyErased } }", new { id = finnId });

        await Expect(widget.Locator(".badge.live")).ToHaveAttributeAsync("data-state", "ended");
        await Expect(widget.Locator(".badge.live")).ToHaveTextAsync("Live updates ended");
        // The socket was closed on purpose: no reconnect, no new subscription.
        var sent = session.SocketFramesSent.Count;
        await Task.Delay(1_500);
        session.SocketFramesSent.Count.ShouldBe(sent);
        await Expect(widget.Locator(".badge.live")).ToHaveAttributeAsync("data-state", "ended");
        session.ShouldHaveNoConsoleErrors();
    }

    [ChromiumFact]
    public async Task The_iframe_page_takes_its_token_by_postMessage_from_an_allowed_origin_only()
    {
        await using var session = await fixture.OpenAsync(width: 900, height: 760);
        await session.Page.GotoAsync($"{WidgetBrowserFixture.CrmOrigin}/embed-host?customerId={Uri.EscapeDataString(fixture.EveId)}");
        var frame = session.Page.FrameLocator("#timeline");

        await Expect(frame.Locator("customer-timeline header h2")).ToHaveTextAsync("Eve Moreau");
        await Expect(frame.Locator("customer-timeline li.event").First).ToBeVisibleAsync();
        await Expect(frame.Locator("customer-timeline .badge.live")).ToHaveAttributeAsync("data-state", "live");
        // The hostile frame's token was refused; only the host's token was ever used.
        session.Warnings.ShouldContain(w => w.Contains("ignored a token from " + WidgetBrowserFixture.EvilOrigin, StringComparison.Ordinal));
        session.GraphQLRequests.ShouldNotBeEmpty();
        session.GraphQLRequests.ShouldAllBe(r => r.Authorization == "Bearer " + WidgetTokens.Host);
        session.SocketFramesSent.ShouldContain(f => f.Contains("Bearer " + WidgetTokens.Host, StringComparison.Ordinal));
        session.SocketFramesSent.ShouldNotContain(f => f.Contains("stolen-token", StringComparison.Ordinal));

        await session.ScreenshotAsync("widget-iframe-embed");
        session.ShouldHaveNoConsoleErrors();
    }

    [ChromiumFact]
    public async Task The_demo_host_page_embeds_the_widget_both_ways()
    {
        await using var session = await fixture.OpenAsync(width: 1400, height: 900);
        // Stands in for the Development dev-token issuer, which the test host turns off in favour of its test key.
        await session.Page.RouteAsync("**/dev/token", route => route.FulfillAsync(new()
        {
            Status = 200,
            ContentType = "application/json",
            Body = System.Text.Json.JsonSerializer.Serialize(new { access_token = WidgetTokens.Crm }),
        }));
        await session.Page.GotoAsync(new Uri(fixture.Api.BaseAddress, $"/widget/demo?customerId={Uri.EscapeDataString(fixture.EveId)}").ToString());

        await Expect(session.Page.Locator("#record-name")).ToHaveTextAsync("Eve Moreau");
        await Expect(session.Page.Locator("#direct header h2")).ToHaveTextAsync("Eve Moreau");
        await Expect(session.Page.Locator("#direct .badge.live")).ToHaveAttributeAsync("data-state", "live");
        var frame = session.Page.FrameLocator("#framed");
        await Expect(frame.Locator("customer-timeline header h2")).ToHaveTextAsync("Eve Moreau");
        await Expect(frame.Locator("customer-timeline .badge.live")).ToHaveAttributeAsync("data-state", "live");

        await session.ScreenshotAsync("widget-demo");
        session.ShouldHaveNoConsoleErrors();
    }

    private static string SidebarByKey(string source, string externalId) =>
        $"{WidgetBrowserFixture.CrmOrigin}/sidebar?source={Uri.EscapeDataString(source)}&externalId={Uri.EscapeDataString(externalId)}&height=860";

    [ChromiumFact]
    public async Task Shown_by_the_CRM_record_id_the_widget_finds_its_customer_and_follows_a_merge()
    {
        // What a Dynamics 365 sidebar knows is its contact's id, in whatever case the form hands it over.
        const string contactId = "7d3a0c4e-5b6f-4a1d-9e2c-00000000a9a9";
        var gus = new Customer { DisplayName = "Gus Varga", Company = "Adatum", CreatedAt = WidgetData.T0, UpdatedAt = WidgetData.T0 };
        var hana = new Customer { DisplayName = "Hana Ito", Company = "Adatum", CreatedAt = WidgetData.T0, UpdatedAt = WidgetData.T0 };
        gus.RefreshSearchText();
        hana.RefreshSearchText();
        await fixture.Api.SeedAsync(async db =>
        {
            db.Customers.AddRange(gus, hana);
            await db.SaveChangesAsync();
            db.Identities.Add(new CustomerIdentity
            {
                CustomerId = gus.Id, Kind = IdentityKind.DataverseContactId, Value = contactId, Source = EventSource.Dataverse, FirstSeenAt = WidgetData.T0,
            });
            db.Events.Add(WidgetData.Ticket(gus.Id, "gus-ticket", WidgetData.T0, "support", "Gus's ticket", "Opened"));
            db.Events.Add(WidgetData.Ticket(hana.Id, "hana-ticket", WidgetData.T0.AddHours(1), "support", "Hana's ticket", "Opened"));
        });
        await using var session = await fixture.OpenAsync(width: 360, height: 900);
        await session.Page.GotoAsync(SidebarByKey("dataverse", contactId.ToUpperInvariant()));
        var widget = session.Widget;

        await Expect(widget.Locator("header h2")).ToHaveTextAsync("Gus Varga");
        await Expect(widget.Locator("li.event")).ToHaveTextAsync(new Regex("Gus's ticket"));
        await Expect(widget.Locator(".badge.live")).ToHaveAttributeAsync("data-state", "live");
        session.GraphQLRequests.ShouldContain(r => r.Body.Contains("customerByIdentity", StringComparison.Ordinal));

        // The sync merges Gus into Hana (a record linked them): the contact id, and Gus's events, now belong to Hana.
        await fixture.Api.SeedAsync(db => SimulatedMerge.MergeAsync(db, gus.Id, hana.Id));
        // What a merge announces: the merged customer's feeds end, the survivor changed (a feed that attached after the
        // merge follows the merged id to the survivor, and its update makes the widget look the record up again).
        var notifier = fixture.Api.Services.GetRequiredService<ITimelineNotifier>();
        notifier.CustomersRemoved([gus.Id]);
        notifier.CustomerUpdated(hana.Id);

        // Gus's feeds ended; the record's id finds the survivor, shown live with both tickets.
        await Expect(widget.Locator("header h2")).ToHaveTextAsync("Hana Ito");
        await Expect(widget.Locator("li.event")).ToHaveCountAsync(2);
        await Expect(widget.Locator(".badge.live")).ToHaveAttributeAsync("data-state", "live");
        session.ShouldHaveNoConsoleErrors();
    }

    [ChromiumFact]
    public async Task Shown_by_our_id_the_widget_follows_a_merge_to_the_survivor()
    {
        var ida = new Customer { DisplayName = "Ida Lund", Company = "Fabrikam", CreatedAt = WidgetData.T0, UpdatedAt = WidgetData.T0 };
        var jon = new Customer { DisplayName = "Jon Lund", Company = "Fabrikam", CreatedAt = WidgetData.T0, UpdatedAt = WidgetData.T0 };
        ida.RefreshSearchText();
        jon.RefreshSearchText();
        await fixture.Api.SeedAsync(async db =>
        {
            db.Customers.AddRange(ida, jon);
            await db.SaveChangesAsync();
            db.Events.Add(WidgetData.Ticket(ida.Id, "ida-ticket", WidgetData.T0, "support", "Ida's ticket", "Opened"));
            db.Events.Add(WidgetData.Ticket(jon.Id, "jon-ticket", WidgetData.T0.AddHours(1), "support", "Jon's ticket", "Opened"));
        });
        await using var session = await fixture.OpenAsync(width: 360, height: 900);
        await session.Page.GotoAsync(Sidebar(GlobalId.Encode(GlobalId.CustomerType, ida.Id), height: 860));
        var widget = session.Widget;
        await Expect(widget.Locator("header h2")).ToHaveTextAsync("Ida Lund");
        await Expect(widget.Locator(".badge.live")).ToHaveAttributeAsync("data-state", "live");

        // Both of Ida's feeds are attached once each has delivered something: a new name, then a new event.
        var notifier = fixture.Api.Services.GetRequiredService<ITimelineNotifier>();
        await fixture.Api.SeedAsync(db => db.Customers.Where(c => c.Id == ida.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.DisplayName, "Ida Lund-Berg")));
        await PublishUntilAsync(() => notifier.CustomerUpdated(ida.Id), widget.Locator("header h2"), "Ida Lund-Berg");
        var second = WidgetData.Ticket(ida.Id, "ida-ticket-2", WidgetData.T0.AddHours(2), "support", "Ida's second ticket", "Opened");
        await fixture.Api.SeedAsync(db => { db.Events.Add(second); return Task.CompletedTask; });
        await PublishUntilAsync(() => notifier.EventAdded(ida.Id, second.Id), widget.Locator("li.event").First, new Regex("Ida's second ticket"));

        // A sync merges Ida into Jon.
        await fixture.Api.SeedAsync(db => SimulatedMerge.MergeAsync(db, ida.Id, jon.Id));
        notifier.CustomersRemoved([ida.Id]);

        // Her feeds ended; her id now finds the survivor, shown live with all three tickets.
        await Expect(widget.Locator("header h2")).ToHaveTextAsync("Jon Lund");
        await Expect(widget.Locator("li.event")).ToHaveCountAsync(3);
        await Expect(widget.Locator(".badge.live")).ToHaveAttributeAsync("data-state", "live");
        session.GraphQLRequests.ShouldContain(r => r.Body.Contains("CustomerTimelineSurvivor", StringComparison.Ordinal));
        session.ShouldHaveNoConsoleErrors();
    }

    /// <summary>A subscription attaches some time after the socket is live: publish until the widget shows the notice.</summary>
    private static async Task PublishUntilAsync(Action publish, ILocator shown, object expected)
    {
        for (var i = 0; i < 100; i++)
        {
            publish();
            var text = await shown.InnerTextAsync();
            if (expected is Regex pattern ? pattern.IsMatch(text) : text == (string)expected) return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"The widget never showed {expected}.");
    }

    [ChromiumFact]
    public async Task Shown_by_a_record_id_nobody_has_or_an_unknown_source_the_widget_says_so()
    {
        await using var session = await fixture.OpenAsync(width: 360, height: 600);
        var widget = session.Widget;

        await session.Page.GotoAsync(SidebarByKey("ZENDESK", "no-such-user"));
        await Expect(widget.Locator("[role=alert]")).ToHaveTextAsync("No customer is known by this Helpdesk id yet.");

        await session.Page.GotoAsync(SidebarByKey("SALESFORCE", "003xx000004TmiQ"));
        await Expect(widget.Locator("[role=alert]")).ToHaveTextAsync("Unknown source \"SALESFORCE\": one of DATAVERSE, ZENDESK, MATOMO, TYPEFORM.");
        session.ShouldHaveNoConsoleErrors();
    }

    [ChromiumFact]
    public async Task The_iframe_page_shows_a_customer_by_the_record_id_of_its_host()
    {
        await using var session = await fixture.OpenAsync(width: 900, height: 760);
        await session.Page.GotoAsync($"{WidgetBrowserFixture.CrmOrigin}/embed-host?source=ZENDESK&externalId={WidgetData.EveZendeskId}");
        var frame = session.Page.FrameLocator("#timeline");

        await Expect(frame.Locator("customer-timeline header h2")).ToHaveTextAsync("Eve Moreau");
        await Expect(frame.Locator("customer-timeline .badge.live")).ToHaveAttributeAsync("data-state", "live");
        session.ShouldHaveNoConsoleErrors();
    }

    [GeneratedRegex("\"after\":\"[^\"]+\"")]
    private static partial Regex AfterCursor();
}
