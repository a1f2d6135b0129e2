using System.Globalization;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Generator;
using CustomerTimeline.Api.Insights;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerTimeline.Tests.Insights;

/// <summary>The events a refresh reads straight from SQLite are, row for row and field for field, the ones EF reads.</summary>
public sealed class RefreshEventReaderTests : IAsyncLifetime
{
    private readonly GeneratorTimeApiFactory _api = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Reads_the_rows_and_fields_the_EF_projection_reads()
    {
        await using var scope = await GeneratedAsync(11, 2_000);
        var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
        var ids = await db.Customers.Select(c => c.Id).ToListAsync();
        // Analyzed and unanalyzed rows side by side: half of the customers refreshed, and an edit clears one event's analysis.
        await scope.ServiceProvider.GetRequiredService<CustomerInsights>().RefreshAsync(db, ids.Where(id => id % 2 == 0).ToList(), CancellationToken.None);
        var edited = await db.Events.Where(e => e.Intents != null && e.Kind == EventKind.TicketMessage).OrderBy(e => e.Id).FirstAsync();
        await db.Events.Where(e => e.Id == edited.Id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Intents, (string?)null).SetProperty(e => e.Title, "Edited: ünïcode ✓"));
        var window = new RecentWindow(GeneratorOptions.DefaultNow.AddDays(-60), GeneratorOptions.DefaultNow.AddDays(-200), GeneratorOptions.DefaultNow.AddDays(-4));

        var ef = await CustomerInsights.LoadRecentWithEfAsync(db, ids, window, CancellationToken.None);
        var sqlite = RefreshEventReader.ReadWindow(db, ids, window, CancellationToken.None);

        ef.Count.ShouldBeGreaterThan(500);
        ef.ShouldContain(e => e.Intents == null && e.Kind == EventKind.WebVisit, "unanalyzed rows keep their details");
        ef.ShouldContain(e => e.Intents != null && e.Kind == EventKind.Ticket && e.OccurredAt < window.SurveysFrom, "tickets before the window are read");
        ef.ShouldContain(e => e.Intents != null && e.Kind == EventKind.SurveyAnswer && e.OccurredAt < window.From, "survey answers reach further back");
        ef.ShouldNotContain(e => e.Intents != null && e.Kind == EventKind.SurveyAnswer && e.OccurredAt < window.SurveysFrom);
        ef.ShouldNotContain(e => e.Intents != null && e.Kind == EventKind.WebVisit && e.OccurredAt < window.From);
        ef.ShouldContain(e => e.Intents != null && e.StageKey != null, "analyzed rows carry stage keys");
        sqlite.Select(Describe).ToList().ShouldBe(ef.Select(Describe).ToList());
        sqlite.Select(e => e.Id).ShouldBe(sqlite.OrderBy(e => e.CustomerId).ThenBy(e => e.OccurredAt).ThenBy(e => e.Id).Select(e => e.Id), "each customer's events are one run, oldest first");
        // Shared values: one string per distinct key, as the EF path leaves them.
        sqlite.Where(e => e.StageKey != null).Select(e => e.StageKey).Distinct(ReferenceEqualityComparer.Instance).Count()
            .ShouldBe(sqlite.Where(e => e.StageKey != null).Select(e => e.StageKey).Distinct().Count());
    }

    [Fact]
    public async Task Reads_every_event_and_field_EF_reads_for_a_full_computation()
    {
        await using var scope = await GeneratedAsync(5, 1_500);
        var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
        var ids = await db.Customers.Select(c => c.Id).ToListAsync();
        await scope.ServiceProvider.GetRequiredService<CustomerInsights>().RefreshAsync(db, ids.Where(id => id % 2 == 1).ToList(), CancellationToken.None);
        await db.Events.Where(e => e.Id == db.Events.Min(x => x.Id)).ExecuteUpdateAsync(u => u.SetProperty(e => e.Summary, (string?)null));

        var ef = await db.Events.AsNoTracking().Where(e => ids.Contains(e.CustomerId)).OrderBy(e => e.CustomerId).ThenBy(e => e.OccurredAt).ThenBy(e => e.Id).ToListAsync();
        var sqlite = RefreshEventReader.ReadAll(db, ids, CancellationToken.None);

        ef.Count.ShouldBe(await db.Events.CountAsync());
        ef.ShouldContain(e => e.Summary == null);
        ef.ShouldContain(e => e.Intents != null && e.Kind == EventKind.TicketMessage);
        sqlite.Select(Whole).ToList().ShouldBe(ef.Select(Whole).ToList());
        sqlite.ShouldAllBe(e => e.Details == "", "the JSON is let go once parsed");
    }

    [Fact]
    public async Task Reads_inside_the_callers_transaction()
    {
        await using var scope = await GeneratedAsync(3, 200);
        var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
        var customerId = await db.Customers.Select(c => c.Id).FirstAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        db.Events.Add(new TimelineEvent
        {
            CustomerId = customerId, Source = EventSource.Zendesk, SourceRecordId = "ticket:in-tx", Kind = EventKind.Ticket, OccurredAt = GeneratorOptions.DefaultNow,
            Channel = Channel.Email, Title = "Not committed yet", SourceUpdatedAt = GeneratorOptions.DefaultNow,
            Details = new TicketDetails("Sync", "open", "high", null, ["sync"], "Text", null).ToJson(),
        });
        await db.SaveChangesAsync();

        var rows = RefreshEventReader.ReadWindow(db, [customerId], new(GeneratorOptions.DefaultNow.AddDays(-1), GeneratorOptions.DefaultNow.AddDays(-1), GeneratorOptions.DefaultNow.AddDays(-1)), CancellationToken.None);

        rows.ShouldContain(e => e.SourceRecordId == "ticket:in-tx" && e.Title == "Not committed yet" && e.DetailsAs<TicketDetails>().Description == "Text");
        await tx.RollbackAsync();
    }

    /// <summary>A scope over the API's database, loaded with a generated dataset.</summary>
    private async Task<AsyncServiceScope> GeneratedAsync(int seed, int events)
    {
        _ = _api.Server;
        var scope = _api.Services.CreateAsyncScope();
        await DatasetLoader.LoadAsync(scope.ServiceProvider.GetRequiredService<TimelineDbContext>(),
            new DataGenerator(new GeneratorOptions { Seed = seed, TargetEvents = events }).Generate().ToList());
        return scope;
    }

    private static string Describe(TimelineEvent e) => string.Create(CultureInfo.InvariantCulture,
        $"{e.Id} {e.CustomerId} {e.Source} [{e.SourceRecordId}] {e.Kind} {e.OccurredAt:O} {e.Channel} [{e.Title}] [{e.Summary}] {e.Sentiment:R} {e.Urgent} " +
        $"[{e.Intents}] [{e.StageKey}] [{e.TouchpointKey}] {e.SourceUpdatedAt:O} [{e.Details}] {(HasDetails(e) ? e.ParsedDetails.ToJson() : "-")}");

    // Every field; the details as parsed (free text included), whatever the JSON string holds.
    private static string Whole(TimelineEvent e) => string.Create(CultureInfo.InvariantCulture,
        $"{e.Id} {e.CustomerId} {e.Source} [{e.SourceRecordId}] {e.Kind} {e.OccurredAt:O} {e.Channel} [{e.Title}] [{e.Summary ?? "<null>"}] {e.Sentiment:R} {e.Urgent} " +
        $"[{e.Intents ?? "<null>"}] [{e.StageKey ?? "<null>"}] [{e.TouchpointKey ?? "<null>"}] {e.SourceUpdatedAt:O} {e.ParsedDetails.ToJson()}");

    private static bool HasDetails(TimelineEvent e) =>
        e.Intents is null || e.Kind is EventKind.Ticket or EventKind.TicketMessage or EventKind.SurveyAnswer;
}
