using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Insights;
using CustomerTimeline.Api.Journey;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using static CustomerTimeline.Tests.Infrastructure.JourneyFixtures;

namespace CustomerTimeline.Tests.Insights;

/// <summary>A database analyzed by an older analyzer gets its stored text analyzed again when it is upgraded.</summary>
public sealed class TextReanalysisTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private const string MigrationBefore = "20261203140338_MergedCustomerIndex";

    [Fact]
    public async Task Upgrading_analyzes_stored_text_again_and_recomputes_its_customers()
    {
        await using var factory = new JourneyApiFactory(Now);
        long id = 0;
        await factory.SeedAsync(async db =>
        {
            var customer = Customer("Ana Pop");
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            id = customer.Id;
            db.Events.Add(Ticket(id, "t1", Now.AddDays(-3), "Factura", ["billing"], null));
            db.Events.Add(Message(id, "m1", "t1", Now.AddDays(-2), "Thank you once again for your help!"));
            db.Events.Add(Message(id, "m2", "t1", Now.AddDays(-1), "Nu funcționează deloc, vreau să reziliez contractul!"));
            db.Events.Add(Visit(id, "v1", Now.AddDays(-1), "/pricing"));
        });
        await factory.RefreshAsync(id);
        // As the analyzer before Romanian stored them: a thank-you flagged urgent, the Romanian complaint unread.
        await factory.WithDbAsync(async db =>
        {
            await db.Events.Where(e => e.SourceRecordId == "m1").ExecuteUpdateAsync(u => u
                .SetProperty(e => e.Intents, "repeated-problem,praise").SetProperty(e => e.Urgent, true).SetProperty(e => e.Sentiment, 0.3612));
            await db.Events.Where(e => e.SourceRecordId == "m2").ExecuteUpdateAsync(u => u
                .SetProperty(e => e.Intents, "").SetProperty(e => e.Urgent, false).SetProperty(e => e.Sentiment, (double?)null));
            await db.CustomerSignals().Where(s => s.CustomerId == id).ExecuteDeleteAsync();
            return await db.CustomerSummaries().Where(s => s.CustomerId == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.Priority, false));
        });
        var visitBefore = await factory.WithDbAsync(db => db.Events.AsNoTracking().SingleAsync(e => e.SourceRecordId == "v1"));

        // The upgrade: this stop's migration runs on that database.
        await factory.WithDbAsync(async db =>
        {
            var migrator = db.GetInfrastructure().GetRequiredService<IMigrator>();
            await migrator.MigrateAsync(MigrationBefore);
            await migrator.MigrateAsync();
            return 0;
        });
        (await factory.WithDbAsync(db => db.CustomerSummaries().SingleAsync(s => s.CustomerId == id))).MapVersion.ShouldBeLessThan(0);

        // The background pass recomputes the customer in full, analyzing the text again.
        var reclassifier = factory.Services.GetRequiredService<JourneyReclassifier>();
        (await reclassifier.ProcessNextBatchAsync(CancellationToken.None)).ShouldBe(1);
        (await reclassifier.ProcessNextBatchAsync(CancellationToken.None)).ShouldBe(0);

        var events = await factory.WithDbAsync(db => db.Events.AsNoTracking().Where(e => e.CustomerId == id).ToDictionaryAsync(e => e.SourceRecordId));
        events["m1"].Intents.ShouldBe("praise");
        events["m1"].Urgent.ShouldBeFalse();
        events["m2"].Intents!.Split(',').ShouldContain("cancel");
        events["m2"].Urgent.ShouldBeTrue();
        events["m2"].Sentiment!.Value.ShouldBeLessThan(0);
        events["v1"].StageKey.ShouldBe(visitBefore.StageKey);
        events["v1"].Intents.ShouldBe(visitBefore.Intents);

        var summary = await factory.WithDbAsync(db => db.CustomerSummaries().SingleAsync(s => s.CustomerId == id));
        summary.MapVersion.ShouldBeGreaterThan(0);
        summary.Priority.ShouldBeTrue();
        (await factory.WithDbAsync(db => db.CustomerSignals().Where(s => s.CustomerId == id && s.ResolvedAt == null).Select(s => s.Kind).ToListAsync()))
            .ShouldContain("urgent-intent");
    }
}
