using System.Text.Json.Nodes;
using CustomerTimeline.Api.Connectors;
using CustomerTimeline.Api.Data;
using Microsoft.EntityFrameworkCore;
using static CustomerTimeline.Tests.Sync.Records;

namespace CustomerTimeline.Tests.Sync;

/// <summary>The sync features end to end over HTTP: sources, syncSource, deadLetters, retryDeadLetter, mergeHistory.</summary>
public sealed class SyncGraphQLTests
{
    private const string Sync = """
        mutation($source: EventSource!) {
          syncSource(source: $source) { source outcome pages records duplicatesSkipped deadLettered suppressed lagSeconds error retryAfterSeconds }
        }
        """;

    private const string Sources = """
        {
          sources {
            source configured running status lastSuccessAt lastError recordCount openDeadLetters
            streams { stream cursor status lagSeconds lastRunRecords lastRunDeadLettered totalRecords caughtUpAt }
          }
        }
        """;

    private const string DeadLetters = """
        query($source: EventSource, $includeResolved: Boolean) {
          deadLetters(source: $source, includeResolved: $includeResolved, first: 10) {
            totalCount nodes { id source stream recordId reason payload attempts resolved }
          }
        }
        """;

    private static ScriptedConnector Helpdesk() => new ScriptedConnector(EventSource.Zendesk, "users", "tickets")
        .Page("users", Person("u1", 1, "Ann Lee", "ann@example.com", null, null, Zendesk("1")))
        .Page("tickets", Ticket("t1", 2, "Broken login", Zendesk("1")), Unmappable("t2", 3, "{\"id\":\"t2\",\"requester\":null}"));

    [Fact]
    public async Task SyncSource_runs_the_source_and_reports_its_outcome()
    {
        var helpdesk = Helpdesk();
        using var api = new SyncApiFactory(helpdesk);
        using var client = api.CreateGraphQLClient();

        var run = (await client.QueryAsync(Sync, new { source = "ZENDESK" }))["syncSource"]!;

        run["outcome"]!.GetValue<string>().ShouldBe("SUCCEEDED");
        run["pages"]!.GetValue<int>().ShouldBe(2);
        run["records"]!.GetValue<long>().ShouldBe(3);
        run["deadLettered"]!.GetValue<long>().ShouldBe(1);
        run["error"].ShouldBeNull();
        (await api.EventsAsync()).ShouldHaveSingleItem().SourceRecordId.ShouldBe("t1");

        var off = (await client.QueryAsync(Sync, new { source = "DATAVERSE" }))["syncSource"]!;
        off["outcome"]!.GetValue<string>().ShouldBe("NOT_CONFIGURED");

        helpdesk.ThrowBefore("users", 1, new SourceRateLimitedException(EventSource.Zendesk, TimeSpan.FromSeconds(90)));
        var deferred = (await client.QueryAsync(Sync, new { source = "ZENDESK" }))["syncSource"]!;
        deferred["outcome"]!.GetValue<string>().ShouldBe("DEFERRED");
        deferred["retryAfterSeconds"]!.GetValue<double>().ShouldBe(90);
    }

    [Fact]
    public async Task SyncSource_answers_already_running_while_another_instance_holds_the_lease()
    {
        using var api = new SyncApiFactory(Helpdesk());
        using var client = api.CreateGraphQLClient();
        await api.DbAsync(async db =>
        {
            db.SyncLeases.Add(new SyncLease
            {
                Source = EventSource.Zendesk, Owner = "other:1:run",
                AcquiredAt = api.Time.GetUtcNow(), ExpiresAt = api.Time.GetUtcNow().AddMinutes(1),
            });
            return await db.SaveChangesAsync();
        });

        var run = (await client.QueryAsync(Sync, new { source = "ZENDESK" }))["syncSource"]!;
        run["outcome"]!.GetValue<string>().ShouldBe("ALREADY_RUNNING");

        var zendesk = (await client.QueryAsync(Sources))["sources"]!.AsArray().Single(s => s!["source"]!.GetValue<string>() == "ZENDESK")!;
        zendesk["running"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task A_run_whose_later_stream_failed_shows_the_source_failed_until_a_run_succeeds()
    {
        var helpdesk = new ScriptedConnector(EventSource.Zendesk, "users", "tickets")
            .Page("users", Person("u1", 1, "Ann Lee", "ann@example.com", null, null, Zendesk("1")))
            .Page("tickets", Ticket("t1", 2, "Broken login", Zendesk("1")))
            .ThrowBefore("tickets", 0, new SourceUnavailableException(EventSource.Zendesk, SourceFailure.HttpError, "down",
                new HttpRequestException("down", null, System.Net.HttpStatusCode.ServiceUnavailable)));
        using var api = new SyncApiFactory(helpdesk);
        using var client = api.CreateGraphQLClient();
        (await client.QueryAsync(Sync, new { source = "ZENDESK" }))["syncSource"]!["outcome"]!.GetValue<string>().ShouldBe("FAILED");

        var zendesk = (await client.QueryAsync(Sources))["sources"]!.AsArray().Single(s => s!["source"]!.GetValue<string>() == "ZENDESK")!;
        zendesk["streams"]!.AsArray().Select(s => s!["status"]!.GetValue<string>()).ShouldBe(["SUCCEEDED", "FAILED"]);
        // Both streams' states carry the run's end: the source is as bad as the worst of them, as its error says.
        zendesk["status"]!.GetValue<string>().ShouldBe("FAILED");
        zendesk["lastError"]!.GetValue<string>().ShouldBe("Source unavailable: HTTP 503 after retries");

        api.Time.Advance(TimeSpan.FromMinutes(5));
        (await client.QueryAsync(Sync, new { source = "ZENDESK" }))["syncSource"]!["outcome"]!.GetValue<string>().ShouldBe("SUCCEEDED");
        zendesk = (await client.QueryAsync(Sources))["sources"]!.AsArray().Single(s => s!["source"]!.GetValue<string>() == "ZENDESK")!;
        zendesk["status"]!.GetValue<string>().ShouldBe("SUCCEEDED");
        zendesk["lastError"].ShouldBeNull();
    }

    [Fact]
    public async Task Sources_shows_configuration_position_lag_and_counts()
    {
        using var api = new SyncApiFactory(Helpdesk(), new ScriptedConnector(EventSource.Matomo, "visits") { IsConfigured = false });
        using var client = api.CreateGraphQLClient();
        await client.QueryAsync(Sync, new { source = "ZENDESK" });
        api.Time.Advance(TimeSpan.FromSeconds(90));

        var sources = (await client.QueryAsync(Sources))["sources"]!.AsArray();

        sources.Select(s => s!["source"]!.GetValue<string>()).ShouldBe(["DATAVERSE", "ZENDESK", "MATOMO", "TYPEFORM"]);
        var zendesk = sources[1]!;
        zendesk["configured"]!.GetValue<bool>().ShouldBeTrue();
        zendesk["running"]!.GetValue<bool>().ShouldBeFalse();
        zendesk["status"]!.GetValue<string>().ShouldBe("SUCCEEDED");
        zendesk["lastSuccessAt"].ShouldNotBeNull();
        zendesk["lastError"].ShouldBeNull();
        zendesk["recordCount"]!.GetValue<long>().ShouldBe(3);
        zendesk["openDeadLetters"]!.GetValue<int>().ShouldBe(1);
        var streams = zendesk["streams"]!.AsArray();
        streams.Select(s => s!["stream"]!.GetValue<string>()).ShouldBe(["users", "tickets"]);
        streams[1]!["cursor"]!.GetValue<string>().ShouldBe("p1");
        streams[1]!["lastRunRecords"]!.GetValue<long>().ShouldBe(2);
        streams[1]!["lastRunDeadLettered"]!.GetValue<long>().ShouldBe(1);
        streams[1]!["lagSeconds"]!.GetValue<double>().ShouldBe(90);

        sources[2]!["configured"]!.GetValue<bool>().ShouldBeFalse();
        sources[2]!["status"]!.GetValue<string>().ShouldBe("IDLE");
        sources[0]!["streams"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Dead_letters_are_listed_and_a_retry_stores_the_remapped_record()
    {
        var helpdesk = Helpdesk();
        using var api = new SyncApiFactory(helpdesk);
        using var client = api.CreateGraphQLClient();
        await client.QueryAsync(Sync, new { source = "ZENDESK" });

        var list = (await client.QueryAsync(DeadLetters, new { source = "ZENDESK" }))["deadLetters"]!;
        list["totalCount"]!.GetValue<int>().ShouldBe(1);
        var letter = list["nodes"]![0]!;
        letter["recordId"]!.GetValue<string>().ShouldBe("t2");
        letter["stream"]!.GetValue<string>().ShouldBe("tickets");
        letter["reason"]!.GetValue<string>().ShouldBe("Missing field 'requester_id'");
        letter["resolved"]!.GetValue<bool>().ShouldBeFalse();
        (await client.QueryAsync(DeadLetters, new { source = "TYPEFORM" }))["deadLetters"]!["totalCount"]!.GetValue<int>().ShouldBe(0);

        helpdesk.Remapper = (stream, payload) =>
        {
            stream.ShouldBe("tickets");
            payload.ShouldContain("\"t2\"");
            return Ticket("t2", 3, "Recovered ticket", Zendesk("1"));
        };
        const string Retry = "mutation($id: ID!) { retryDeadLetter(id: $id) { recordId resolved attempts } }";
        var retried = (await client.QueryAsync(Retry, new { id = letter["id"]!.GetValue<string>() }))["retryDeadLetter"]!;

        retried["resolved"]!.GetValue<bool>().ShouldBeTrue();
        (await api.EventsAsync()).Select(e => e.Title).ShouldBe(["Broken login", "Recovered ticket"]);
        (await client.QueryAsync(DeadLetters, new { source = "ZENDESK" }))["deadLetters"]!["totalCount"]!.GetValue<int>().ShouldBe(0);
        (await client.QueryAsync(DeadLetters, new { includeResolved = true }))["deadLetters"]!["totalCount"]!.GetValue<int>().ShouldBe(1);

        var bad = await client.PostAsync(Retry, new { id = "not-an-id" });
        bad.FirstErrorCode.ShouldBe("BAD_USER_INPUT");
    }

    [Fact]
    public async Task A_retry_whose_mapper_now_reads_another_record_id_resolves_the_letter_with_its_time()
    {
        var helpdesk = Helpdesk();
        using var api = new SyncApiFactory(helpdesk);
        using var client = api.CreateGraphQLClient();
        await client.QueryAsync(Sync, new { source = "ZENDESK" });
        var id = (await client.QueryAsync(DeadLetters, new { source = "ZENDESK" }))["deadLetters"]!["nodes"]![0]!["id"]!.GetValue<string>();

        // Stored under the id the broken payload seemed to have; the fixed mapper reads the real one.
        helpdesk.Remapper = (_, _) => Ticket("t2-real", 3, "Recovered ticket", Zendesk("1"));
        var retried = (await client.QueryAsync("mutation($id: ID!) { retryDeadLetter(id: $id) { resolved resolvedAt } }", new { id }))["retryDeadLetter"]!;

        retried["resolved"]!.GetValue<bool>().ShouldBeTrue();
        retried["resolvedAt"]!.GetValue<DateTimeOffset>().ShouldBe(api.Time.GetUtcNow());
        (await api.EventsAsync()).Select(e => e.SourceRecordId).ShouldContain("t2-real");
    }

    [Fact]
    public async Task A_letter_holding_a_mapped_record_is_refused_a_retry_with_the_reason()
    {
        // Mapped, but none of its keys normalizes: the writer keeps the record it got, not a vendor payload.
        var helpdesk = new ScriptedConnector(EventSource.Zendesk, "tickets")
            .Page(Ticket("t1", 1, "No usable key", Email("not an email")));
        helpdesk.Remapper = (_, _) => throw new InvalidOperationException("a mapped record must not reach the connector");
        using var api = new SyncApiFactory(helpdesk);
        using var client = api.CreateGraphQLClient();
        await client.QueryAsync(Sync, new { source = "ZENDESK" });
        var letter = (await client.QueryAsync(DeadLetters, new { source = "ZENDESK" }))["deadLetters"]!["nodes"]![0]!;
        letter["reason"]!.GetValue<string>().ShouldBe("No usable identity key");

        var response = await client.PostAsync("mutation($id: ID!) { retryDeadLetter(id: $id) { resolved } }", new { id = letter["id"]!.GetValue<string>() });

        response.FirstErrorCode.ShouldBe("BAD_USER_INPUT");
        response.FirstErrorMessage.ShouldContain("holds the record as the connector mapped it (No usable identity key)");
        (await client.QueryAsync(DeadLetters, new { source = "ZENDESK" }))["deadLetters"]!["nodes"]![0]!["attempts"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task A_customer_shows_its_merge_history()
    {
        var helpdesk = new ScriptedConnector(EventSource.Zendesk, "tickets")
            .Page(Ticket("t1", 1, "By email", Email("ann@example.com")))
            .Page(Ticket("t2", 2, "By user", Zendesk("42")));
        using var api = new SyncApiFactory(helpdesk);
        using var client = api.CreateGraphQLClient();
        await client.QueryAsync(Sync, new { source = "ZENDESK" });
        helpdesk.Page(Ticket("t3", 3, "Both", Zendesk("42"), Email("ann@example.com")));
        await client.QueryAsync(Sync, new { source = "ZENDESK" });
        var mergedId = await api.DbAsync(db => db.MergeRecords.Select(m => m.MergedCustomerId).SingleAsync());

        var customer = (await client.QueryAsync("""
            {
              customerByIdentity(email: "ann@example.com") {
                isAnonymous
                identities { kind }
                mergeHistory { mergedCustomerId matchedKeyKind matchedKeyMasked survivorKeyKind survivorKeyMasked source recordId mergedAt explanation }
                timeline { totalCount }
              }
            }
            """))["customerByIdentity"]!;

        customer["isAnonymous"]!.GetValue<bool>().ShouldBeFalse();
        customer["timeline"]!["totalCount"]!.GetValue<int>().ShouldBe(3);
        var merge = customer["mergeHistory"]!.AsArray().ShouldHaveSingleItem()!;
        merge["matchedKeyKind"]!.GetValue<string>().ShouldBe("ZENDESK_USER_ID");
        merge["matchedKeyMasked"]!.GetValue<string>().ShouldBe("****");
        merge["survivorKeyKind"]!.GetValue<string>().ShouldBe("EMAIL");
        merge["survivorKeyMasked"]!.GetValue<string>().ShouldBe("a***@e***.com");
        merge["source"]!.GetValue<string>().ShouldBe("ZENDESK");
        merge["recordId"]!.GetValue<string>().ShouldBe("t3");
        merge["explanation"]!.GetValue<string>().ShouldContain("Email (a***@e***.com)");
        merge["mergedCustomerId"]!.GetValue<string>().ShouldBe(Api.Relay.GlobalId.Encode("Customer", mergedId));
        merge.ToJsonString().ShouldNotContain("ann@example.com");
    }
}
