using CustomerTimeline.Api.Connectors.Sync;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Sandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerTimeline.Tests.Sandbox;

/// <summary>The four real connectors against the built-in sandbox, over real HTTP on a loopback port.</summary>
public sealed class SandboxSyncTests(SandboxRunFixture run) : IClassFixture<SandboxRunFixture>
{
    private static readonly EventSource[] Sources = Enum.GetValues<EventSource>();
    private static readonly SandboxExpectation Expected = SandboxExpectation.For(SandboxApiFactory.Seed, SandboxApiFactory.Events);

    [Fact]
    public async Task Scheduled_first_run_fills_the_database_with_the_generated_customers_and_events()
    {
        var byKind = await run.EventsByKindAsync();
        foreach (var kind in Enum.GetValues<EventKind>())
            byKind.GetValueOrDefault(kind).ShouldBe(Expected.EventsByKind.GetValueOrDefault(kind), $"events of kind {kind}");

        var (customers, anonymous, deadLetters) = await run.Factory.WithDbAsync(async db => (
            await db.Customers.CountAsync(),
            await db.Customers.CountAsync(c => c.IsAnonymous),
            await db.DeadLetters.CountAsync()));
        customers.ShouldBe(Expected.Customers);
        anonymous.ShouldBe(Expected.AnonymousCustomers);
        deadLetters.ShouldBe(0);
        // The agent who answers every ticket is in Zendesk's user export, as staff are; staff are not customers.
        var agent = SandboxDatasetBuilder.AgentId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        (await run.Factory.WithDbAsync(db => db.Identities.AnyAsync(i => i.Kind == IdentityKind.ZendeskUserId && i.Value == agent)))
            .ShouldBeFalse();

        // Each known customer carries the keys of all four vendors that know them, merged onto one profile.
        var linked = await run.Factory.WithDbAsync(db => db.Customers
            .Where(c => !c.IsAnonymous)
            .CountAsync(c => c.Identities.Any(i => i.Kind == IdentityKind.DataverseContactId)));
        linked.ShouldBe(Expected.Customers - Expected.AnonymousCustomers);

        // Anonymous visits did arrive (Matomo rows without userId) and moved onto known customers.
        var anonymousVisits = await run.Factory.WithDbAsync(db => db.Events
            .CountAsync(e => e.Kind == EventKind.WebVisit && !e.Details.Contains("\"userId\"") && !e.Customer!.IsAnonymous));
        anonymousVisits.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_second_run_reads_nothing_new_and_changes_nothing()
    {
        foreach (var source in Sources)
        {
            var result = await run.Factory.RunAsync(source);
            result.Outcome.ShouldBe(SyncOutcome.Succeeded, $"{source}: {result.Error}");
            if (source == EventSource.Zendesk)
            {
                // The time-based comment export starts again at its end_time, so it reads that last second's
                // comments again (as Zendesk does): all of them duplicates, nothing else.
                result.Records.ShouldBeGreaterThan(0);
                result.DuplicatesSkipped.ShouldBe(result.Records, "Zendesk read something new");
            }
            else
            {
                result.Records.ShouldBe(0, $"{source} read records again");
            }
        }
        (await run.Factory.ContentAsync()).ShouldBe(run.Content);
    }

    [Fact]
    public async Task Runs_through_429_bursts_5xx_slow_and_malformed_pages_end_with_the_rows_of_a_clean_run()
    {
        var faults = new Dictionary<string, string?>();
        void Faults(string vendor, int rateLimitEvery, int serverErrorEvery, int malformedEvery, int slowEvery)
        {
            faults[$"Sandbox:Faults:{vendor}:RateLimitEvery"] = rateLimitEvery.ToString(System.Globalization.CultureInfo.InvariantCulture);
            faults[$"Sandbox:Faults:{vendor}:RateLimitBurst"] = "2";
            faults[$"Sandbox:Faults:{vendor}:RetryAfterSeconds"] = "1";
            faults[$"Sandbox:Faults:{vendor}:ServerErrorEvery"] = serverErrorEvery.ToString(System.Globalization.CultureInfo.InvariantCulture);
            faults[$"Sandbox:Faults:{vendor}:MalformedEvery"] = malformedEvery.ToString(System.Globalization.CultureInfo.InvariantCulture);
            faults[$"Sandbox:Faults:{vendor}:SlowEvery"] = slowEvery.ToString(System.Globalization.CultureInfo.InvariantCulture);
            faults[$"Sandbox:Faults:{vendor}:SlowDelay"] = "00:00:00.300";
        }
        Faults("Dataverse", rateLimitEvery: 5, serverErrorEvery: 7, malformedEvery: 9, slowEvery: 4);
        // One call a users or tickets page; a comments page is 1 export call plus a show_many call per 100 tickets.
        // Every 17th answer malformed: the Zendesk run makes fewer calls than it did with a comments call per ticket.
        Faults("Zendesk", rateLimitEvery: 23, serverErrorEvery: 13, malformedEvery: 17, slowEvery: 11);
        Faults("Matomo", rateLimitEvery: 5, serverErrorEvery: 7, malformedEvery: 9, slowEvery: 4);
        Faults("Typeform", rateLimitEvery: 5, serverErrorEvery: 7, malformedEvery: 9, slowEvery: 4);
        await using var faulty = new SandboxApiFactory(scheduler: false, faults);

        var outcomes = await Task.WhenAll(Sources.Select(async source =>
        {
            var seen = new List<SyncOutcome>();
            for (var attempt = 0; attempt < 40; attempt++)
            {
                var result = await faulty.RunAsync(source);
                seen.Add(result.Outcome);
                if (result.Outcome == SyncOutcome.Succeeded) break;
            }
            return (source, seen);
        }));

        foreach (var (source, seen) in outcomes) seen[^1].ShouldBe(SyncOutcome.Succeeded, $"{source}: {string.Join(", ", seen)}");
        // The malformed pages failed their runs (a 200 is never retried); the reruns resumed at the committed cursor.
        outcomes.Sum(o => o.seen.Count(s => s == SyncOutcome.Failed)).ShouldBeGreaterThan(0);
        var injector = faulty.Services.GetRequiredService<SandboxFaultInjector>();
        foreach (var fault in new[] { SandboxFault.RateLimit, SandboxFault.ServerError, SandboxFault.Malformed, SandboxFault.Slow })
            injector.Injected(fault).ShouldBeGreaterThan(0, $"no {fault} was injected");

        (await faulty.ContentAsync()).ShouldBe(run.Content);
        (await faulty.WithDbAsync(db => db.Customers.CountAsync())).ShouldBe(Expected.Customers);
    }
}
