using CustomerTimeline.Api.Connectors;
using CustomerTimeline.Api.Connectors.Sync;
using CustomerTimeline.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CustomerTimeline.Tests.Sync.Records;

namespace CustomerTimeline.Tests.Sync;

public sealed class SyncEngineTests
{
    private const string Tickets = "tickets";

    private static ScriptedConnector ThreePages() => new ScriptedConnector(EventSource.Zendesk, Tickets)
        .Page(Ticket("t1", 1, "First", Email("ann@example.com")), Ticket("t2", 2, "Second", Email("bob@example.com")))
        .Page(Ticket("t3", 3, "Third", Email("ann@example.com")))
        .Page(Ticket("t4", 4, "Fourth", Zendesk("77"), Email("bob@example.com")));

    [Fact]
    public async Task Full_sync_stores_every_record_and_saves_the_cursor_with_the_last_page()
    {
        var connector = ThreePages();
        using var api = new SyncApiFactory(connector);

        var result = await api.RunAsync(EventSource.Zendesk);

        result.Outcome.ShouldBe(SyncOutcome.Succeeded);
        result.Pages.ShouldBe(3);
        result.Records.ShouldBe(4);
        result.DuplicatesSkipped.ShouldBe(0);
        (await api.EventsAsync()).Select(e => e.Title).ShouldBe(["First", "Second", "Third", "Fourth"]);
        (await api.CustomersAsync()).Count.ShouldBe(2);
        var state = await api.StateAsync(EventSource.Zendesk, Tickets);
        state.Cursor.ShouldBe("p3");
        state.Status.ShouldBe(SyncStatus.Succeeded);
        state.LastSuccessAt.ShouldBe(api.Time.GetUtcNow());
        state.CaughtUpAt.ShouldNotBeNull();
        state.HighWatermark.ShouldBe(T0.AddMinutes(4));
        state.TotalRecords.ShouldBe(4);
        state.LastError.ShouldBeNull();
        connector.Fetches.ShouldBe([(Tickets, null), (Tickets, "p1"), (Tickets, "p2")]);
    }

    [Fact]
    public async Task Incremental_sync_resumes_from_the_stored_cursor()
    {
        var connector = ThreePages();
        using var api = new SyncApiFactory(connector);
        await api.RunAsync(EventSource.Zendesk);
        connector.Fetches.Clear();

        connector.Page(Ticket("t5", 5, "Fifth", Email("cyd@example.com")));
        var result = await api.RunAsync(EventSource.Zendesk);

        result.Outcome.ShouldBe(SyncOutcome.Succeeded);
        result.Records.ShouldBe(1);
        connector.Fetches.ShouldBe([(Tickets, "p3")]);
        (await api.EventsAsync()).Count.ShouldBe(5);
        var state = await api.StateAsync(EventSource.Zendesk, Tickets);
        state.Cursor.ShouldBe("p4");
        state.LastRunRecords.ShouldBe(1);
        state.TotalRecords.ShouldBe(5);

        // Nothing new: one fetch from the same cursor, nothing written.
        connector.Fetches.Clear();
        (await api.RunAsync(EventSource.Zendesk)).Records.ShouldBe(0);
        connector.Fetches.ShouldBe([(Tickets, "p4")]);
        (await api.EventsAsync()).Count.ShouldBe(5);
    }

    [Fact]
    public async Task The_same_record_on_two_pages_is_stored_once()
    {
        var ticket = Ticket("t1", 1, "Same", Email("ann@example.com"));
        var connector = new ScriptedConnector(EventSource.Zendesk, Tickets)
            .Page(ticket, ticket)
            .Page(ticket, Ticket("t2", 2, "Other", Email("ann@example.com")));
        using var api = new SyncApiFactory(connector);

        var result = await api.RunAsync(EventSource.Zendesk);

        result.DuplicatesSkipped.ShouldBe(2);
        (await api.EventsAsync()).Select(e => e.SourceRecordId).ShouldBe(["t1", "t2"]);
        (await api.StateAsync(EventSource.Zendesk, Tickets)).TotalDuplicatesSkipped.ShouldBe(2);
    }

    [Fact]
    public async Task A_page_whose_event_insert_keeps_failing_leaves_nothing_behind_and_is_written_whole_later()
    {
        // A trigger stands in for the unique clash a concurrent writer causes on SQL Server: the prepared event INSERT
        // fails after SaveChanges stored the page's new customers, in every attempt of the page.
        var connector = new ScriptedConnector(EventSource.Zendesk, Tickets)
            .Page(Ticket("t1", 1, "First", Email("ann@example.com")), Ticket("t2", 2, "Second", Email("bob@example.com")));
        using var api = new SyncApiFactory(connector);
        await api.DbAsync(db => db.Database.ExecuteSqlRawAsync("""
            CREATE TRIGGER ClashOnT2 BEFORE INSERT ON Events WHEN NEW.SourceRecordId = 't2'
            BEGIN
                SELECT RAISE(ABORT, 'UNIQUE constraint failed: Events.Source, Events.SourceRecordId');
            END;
            """));

        var failed = await api.RunAsync(EventSource.Zendesk);

        failed.Outcome.ShouldBe(SyncOutcome.Failed);
        (await api.EventsAsync()).ShouldBeEmpty();
        (await api.CustomersAsync()).ShouldBeEmpty();
        (await api.StateAsync(EventSource.Zendesk, Tickets)).Cursor.ShouldBeNull();

        await api.DbAsync(db => db.Database.ExecuteSqlRawAsync("DROP TRIGGER ClashOnT2"));
        var result = await api.RunAsync(EventSource.Zendesk);

        result.Outcome.ShouldBe(SyncOutcome.Succeeded);
        (await api.EventsAsync()).Select(e => e.Title).ShouldBe(["First", "Second"]);
        (await api.CustomersAsync()).Count.ShouldBe(2);
    }

    [Fact]
    public async Task An_out_of_order_update_never_overwrites_newer_data()
    {
        var connector = new ScriptedConnector(EventSource.Zendesk, Tickets)
            .Page(Ticket("t1", 10, "Version 2", Email("ann@example.com")))
            .Page(Ticket("t1", 5, "Version 1", Email("ann@example.com")));
        using var api = new SyncApiFactory(connector);

        var result = await api.RunAsync(EventSource.Zendesk);

        result.DuplicatesSkipped.ShouldBe(1);
        var stored = (await api.EventsAsync()).ShouldHaveSingleItem();
        stored.Title.ShouldBe("Version 2");
        stored.SourceUpdatedAt.ShouldBe(T0.AddMinutes(10));

        connector.Page(Ticket("t1", 20, "Version 3", Email("ann@example.com")));
        await api.RunAsync(EventSource.Zendesk);
        (await api.EventsAsync()).ShouldHaveSingleItem().Title.ShouldBe("Version 3");
    }

    [Fact]
    public async Task A_record_read_again_at_its_version_but_mapped_differently_is_corrected()
    {
        // A connector upgrade that reads more of a record re-reads its stream: same source version, better mapping.
        var connector = new ScriptedConnector(EventSource.Zendesk, Tickets)
            .Page(Ticket("t1", 1, "Thanks, great job!", Email("ann@example.com")));
        using var api = new SyncApiFactory(connector);
        await api.RunAsync(EventSource.Zendesk);
        (await api.EventsAsync()).ShouldHaveSingleItem().Intents.ShouldNotBeNull().ShouldContain("praise");

        connector.Page(Ticket("t1", 1, "URGENT: production is down", Email("ann@example.com")));
        var result = await api.RunAsync(EventSource.Zendesk);

        result.DuplicatesSkipped.ShouldBe(0);
        var corrected = (await api.EventsAsync()).ShouldHaveSingleItem();
        corrected.Title.ShouldBe("URGENT: production is down");
        corrected.Intents.ShouldNotBeNull().ShouldContain("urgent");
        corrected.Intents.ShouldNotContain("praise");

        connector.Page(Ticket("t1", 1, "URGENT: production is down", Email("ann@example.com")));
        (await api.RunAsync(EventSource.Zendesk)).DuplicatesSkipped.ShouldBe(1, "mapped the same: a replay");
    }

    [Fact]
    public async Task An_updated_record_is_analyzed_again_from_its_new_text()
    {
        var connector = new ScriptedConnector(EventSource.Zendesk, Tickets)
            .Page(Ticket("t1", 1, "Thanks, great job!", Email("ann@example.com")));
        using var api = new SyncApiFactory(connector);
        await api.RunAsync(EventSource.Zendesk);
        var praised = (await api.EventsAsync()).ShouldHaveSingleItem();
        praised.Intents.ShouldNotBeNull().ShouldContain("praise");
        praised.Sentiment.ShouldNotBeNull().ShouldBeGreaterThan(0);

        connector.Page(Ticket("t1", 20, "URGENT: production is down", Email("ann@example.com")));
        await api.RunAsync(EventSource.Zendesk);
        var urgent = (await api.EventsAsync()).ShouldHaveSingleItem();
        urgent.Intents.ShouldNotBeNull().ShouldContain("urgent");
        urgent.Intents.ShouldNotContain("praise");
        urgent.Urgent.ShouldBeTrue();

        // Text without opinion words: no sentiment is left over from the earlier versions.
        connector.Page(Ticket("t1", 30, "Please update my billing address", Email("ann@example.com")));
        await api.RunAsync(EventSource.Zendesk);
        var neutral = (await api.EventsAsync()).ShouldHaveSingleItem();
        neutral.Title.ShouldBe("Please update my billing address");
        neutral.Intents.ShouldNotBeNull().ShouldNotContain("urgent");
        neutral.Urgent.ShouldBeFalse();
        neutral.Sentiment.ShouldBeNull();
    }

    [Fact]
    public async Task A_deletion_removes_the_event_and_an_older_replay_cannot_bring_it_back()
    {
        var connector = new ScriptedConnector(EventSource.Zendesk, Tickets)
            .Page(Ticket("t1", 1, "Doomed", Email("ann@example.com")), Ticket("t2", 2, "Kept", Email("ann@example.com")))
            .Page(Deletion("t1", 5))
            .Page(Ticket("t1", 3, "Doomed, older replay", Email("ann@example.com")));
        using var api = new SyncApiFactory(connector);

        var result = await api.RunAsync(EventSource.Zendesk);

        result.Outcome.ShouldBe(SyncOutcome.Succeeded);
        (await api.EventsAsync()).Select(e => e.SourceRecordId).ShouldBe(["t2"]);

        // Re-created at the source after the deletion: it comes back.
        connector.Page(Ticket("t1", 9, "Restored", Email("ann@example.com")));
        await api.RunAsync(EventSource.Zendesk);
        (await api.EventsAsync()).Select(e => e.Title).ShouldBe(["Restored", "Kept"]);
    }

    [Fact]
    public async Task An_unmappable_record_is_dead_lettered_without_blocking_its_page_and_retries_when_remapped()
    {
        var connector = new ScriptedConnector(EventSource.Zendesk, Tickets)
            .Page(Ticket("t1", 1, "Fine", Email("ann@example.com")), Unmappable("t2", 2, "{\"id\":2}"),
                Ticket("t3", 3, "Also fine", Email("ann@example.com")));
        using var api = new SyncApiFactory(connector);

        var result = await api.RunAsync(EventSource.Zendesk);

        result.Outcome.ShouldBe(SyncOutcome.Succeeded);
        result.DeadLettered.ShouldBe(1);
        (await api.EventsAsync()).Select(e => e.SourceRecordId).ShouldBe(["t1", "t3"]);
        var letter = await api.DbAsync(db => db.DeadLetters.SingleAsync());
        letter.RecordId.ShouldBe("t2");
        letter.Stream.ShouldBe(Tickets);
        letter.Payload.ShouldBe("{\"id\":2}");
        letter.Attempts.ShouldBe(1);
        letter.Resolved.ShouldBeFalse();

        // Still unmappable on retry: one more attempt.
        connector.Remapper = (_, payload) => new UnmappableRecord("t2", T0.AddMinutes(2), "Still broken", payload);
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var (outcome, again, _) = await scope.ServiceProvider.GetRequiredService<DeadLetterRetrier>().RetryAsync(letter.Id, default);
            outcome.ShouldBe(DeadLetterRetryOutcome.StillUnmappable);
            again!.Attempts.ShouldBe(2);
            again.Reason.ShouldBe("Still broken");
        }

        // The mapper is fixed: the retry stores the event and resolves the letter.
        connector.Remapper = (_, _) => Ticket("t2", 2, "Recovered", Email("ann@example.com"));
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var (outcome, resolved, _) = await scope.ServiceProvider.GetRequiredService<DeadLetterRetrier>().RetryAsync(letter.Id, default);
            outcome.ShouldBe(DeadLetterRetryOutcome.Resolved);
            resolved!.Resolved.ShouldBeTrue();
        }
        (await api.EventsAsync()).Select(e => e.Title).ShouldBe(["Fine", "Recovered", "Also fine"]);
    }

    [Fact]
    public async Task The_next_page_is_fetched_while_the_current_one_is_written()
    {
        string? committedWhenFetched = "not fetched";
        SyncApiFactory? api = null;
        var connector = ThreePages().Before(Tickets, 1, () =>
        {
            // Synchronous on purpose: this runs before the runner gets the fetch's task back and writes page 0.
            using var scope = api!.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
            committedWhenFetched = db.SyncStates.AsNoTracking().Single(s => s.Source == EventSource.Zendesk && s.Stream == Tickets).Cursor;
            return Task.CompletedTask;
        });
        using (api = new SyncApiFactory(connector))
        {
            var result = await api.RunAsync(EventSource.Zendesk);

            committedWhenFetched.ShouldBeNull(); // page 1 was requested before page 0 committed its cursor
            result.Outcome.ShouldBe(SyncOutcome.Succeeded);
            connector.Fetches.ShouldBe([(Tickets, null), (Tickets, "p1"), (Tickets, "p2")]);
            (await api.StateAsync(EventSource.Zendesk, Tickets)).Cursor.ShouldBe("p3");
            (await api.EventsAsync()).Count.ShouldBe(4);
        }
    }

    [Fact]
    public async Task The_page_limit_stops_the_run_without_fetching_ahead_past_it()
    {
        var connector = ThreePages();
        using var api = new SyncApiFactory(connector) { MaxPagesPerRun = 2 };

        var first = await api.RunAsync(EventSource.Zendesk);

        first.Pages.ShouldBe(2);
        connector.Fetches.ShouldBe([(Tickets, null), (Tickets, "p1")]);
        (await api.StateAsync(EventSource.Zendesk, Tickets)).Cursor.ShouldBe("p2");
        connector.Fetches.Clear();
        (await api.RunAsync(EventSource.Zendesk)).Pages.ShouldBe(1);
        connector.Fetches.ShouldBe([(Tickets, "p2")]);
        (await api.EventsAsync()).Count.ShouldBe(4);
    }

    [Fact]
    public async Task A_rate_limit_defers_the_run_without_advancing_the_cursor_past_the_last_committed_page()
    {
        var connector = ThreePages().ThrowBefore(Tickets, 1, new SourceRateLimitedException(EventSource.Zendesk, TimeSpan.FromSeconds(30)));
        using var api = new SyncApiFactory(connector);

        var deferred = await api.RunAsync(EventSource.Zendesk);

        deferred.Outcome.ShouldBe(SyncOutcome.Deferred);
        deferred.RetryAfter.ShouldBe(TimeSpan.FromSeconds(30));
        deferred.Pages.ShouldBe(1);
        var state = await api.StateAsync(EventSource.Zendesk, Tickets);
        state.Cursor.ShouldBe("p1");
        state.Status.ShouldBe(SyncStatus.Deferred);
        state.LastError.ShouldNotBeNull().ShouldContain("Rate-limited");
        state.LastSuccessAt.ShouldBeNull();
        (await api.EventsAsync()).Count.ShouldBe(2);

        connector.Fetches.Clear();
        (await api.RunAsync(EventSource.Zendesk)).Outcome.ShouldBe(SyncOutcome.Succeeded);
        connector.Fetches[0].ShouldBe((Tickets, "p1"));
        (await api.EventsAsync()).Count.ShouldBe(4);
        (await api.StateAsync(EventSource.Zendesk, Tickets)).LastError.ShouldBeNull();
    }

    [Fact]
    public async Task A_crash_between_pages_then_a_rerun_ends_with_exactly_the_rows_of_a_clean_run()
    {
        static ScriptedConnector Script() => new ScriptedConnector(EventSource.Zendesk, "users", Tickets)
            .Page("users", Person("u1", 1, "Ann Lee", " Ann@Example.com ", "+1 415 555 0101", "Contoso", Zendesk("1")),
                Person("u2", 1, "Bob Ray", "bob@example.com", null, null, Zendesk("2")))
            .Page(Tickets, Ticket("t1", 2, "One", Zendesk("1")), Ticket("t2", 3, "Two", Zendesk("2")))
            .Page(Tickets, Ticket("t2", 3, "Two", Zendesk("2")), Ticket("t3", 4, "Three", Email("ann@example.com")))
            .Page(Tickets, Ticket("t4", 5, "Four", Phone("(415) 555-0101")), Deletion("t1", 6))
            .Page(Tickets, Ticket("t5", 7, "Five", Zendesk("3"), Email("bob@example.com")), Ticket("t3", 8, "Three v2", Zendesk("1")));

        using var clean = new SyncApiFactory(Script());
        (await clean.RunAsync(EventSource.Zendesk)).Outcome.ShouldBe(SyncOutcome.Succeeded);

        var crashing = Script().ThrowBefore(Tickets, 2, new InvalidOperationException("boom for ann@example.com"));
        using var api = new SyncApiFactory(crashing);
        var failed = await api.RunAsync(EventSource.Zendesk);
        failed.Outcome.ShouldBe(SyncOutcome.Failed);
        failed.Error.ShouldBe(nameof(InvalidOperationException)); // never the message: it may carry personal data
        var state = await api.StateAsync(EventSource.Zendesk, Tickets);
        state.Cursor.ShouldBe("p2");
        state.Status.ShouldBe(SyncStatus.Failed);

        (await api.RunAsync(EventSource.Zendesk)).Outcome.ShouldBe(SyncOutcome.Succeeded);

        (await api.EventsAsync()).Count.ShouldBe((await clean.EventsAsync()).Count);
        (await api.CustomersAsync()).Count.ShouldBe((await clean.CustomersAsync()).Count);
        (await api.ContentHashAsync()).ShouldBe(await clean.ContentHashAsync());
        (await api.EventsAsync()).Select(e => e.SourceRecordId).ShouldBe(["t2", "t3", "t4", "t5"]);
    }

    [Fact]
    public async Task A_connector_that_makes_no_progress_fails_the_run_instead_of_looping()
    {
        using var api = new SyncApiFactory(new StuckConnector());

        var result = await api.RunAsync(EventSource.Typeform);

        result.Outcome.ShouldBe(SyncOutcome.Failed);
        result.Error.ShouldNotBeNull().ShouldContain("without a new cursor");
    }

    [Fact]
    public async Task A_source_without_configuration_is_not_run()
    {
        using var api = new SyncApiFactory(new ScriptedConnector(EventSource.Matomo, "visits") { IsConfigured = false });

        (await api.RunAsync(EventSource.Matomo)).Outcome.ShouldBe(SyncOutcome.NotConfigured);
        (await api.RunAsync(EventSource.Dataverse)).Outcome.ShouldBe(SyncOutcome.NotConfigured);
    }

    [Fact]
    public async Task Records_carrying_a_suppressed_key_are_skipped()
    {
        var connector = new ScriptedConnector(EventSource.Zendesk, Tickets)
            .Page(Ticket("t1", 1, "Erased person", Email(" Gone@Example.com")), Ticket("t2", 2, "Kept", Email("ann@example.com")));
        using var api = new SyncApiFactory(connector);
        api.SuppressedValues.Add("gone@example.com");

        var result = await api.RunAsync(EventSource.Zendesk);

        result.Suppressed.ShouldBe(1);
        (await api.EventsAsync()).Select(e => e.SourceRecordId).ShouldBe(["t2"]);
        (await api.DbAsync(db => db.Identities.AnyAsync(i => i.Value == "gone@example.com"))).ShouldBeFalse();
    }

    /// <summary>Returns the same cursor forever without reaching the end.</summary>
    private sealed class StuckConnector : ISourceConnector
    {
        public EventSource Source => EventSource.Typeform;
        public bool IsConfigured => true;
        public IReadOnlyList<string> Streams => ["responses"];

        public Task<SourcePage> FetchPageAsync(string stream, string? cursor, CancellationToken cancellationToken) =>
            Task.FromResult(new SourcePage([], "same", EndOfStream: false));
    }
}
