using CustomerTimeline.Api.Connectors.Sync;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Relay;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Tests.Sandbox;

/// <summary>
/// Erasure holds against every connector: after erasing a person, all four vendors are read again from the start
/// (cursors reset, so every record is replayed over real HTTP) and the person does not come back.
/// </summary>
public sealed class SandboxErasureTests
{
    private static readonly EventSource[] Sources = [EventSource.Dataverse, EventSource.Zendesk, EventSource.Matomo, EventSource.Typeform];

    [Fact]
    public async Task An_erased_person_stays_absent_when_all_four_connectors_replay_everything()
    {
        await using var api = new SandboxApiFactory(scheduler: false);
        foreach (var source in Sources)
            (await api.RunAsync(source)).Outcome.ShouldBe(SyncOutcome.Succeeded);

        // Someone every vendor knows: the CRM contact with the most keys.
        var person = await api.WithDbAsync(db => db.Customers.Where(c => !c.IsAnonymous)
            .OrderByDescending(c => c.Identities.Count).ThenBy(c => c.Id)
            .Select(c => new { c.Id, Keys = c.Identities.Select(i => i.Value).ToList() }).FirstAsync());
        person.Keys.Count.ShouldBeGreaterThanOrEqualTo(4);

        using var client = api.CreateGraphQLClient();
        var erased = await client.PostAsync("mutation($id: ID!) { eraseCustomer(id: $id) { request { status } } }",
            new { id = GlobalId.Encode(GlobalId.CustomerType, person.Id) });
        erased.Errors.ShouldBeNull();

        await api.WithDbAsync(db => db.SyncStates.ExecuteDeleteAsync());
        long suppressed = 0;
        foreach (var source in Sources)
        {
            var rerun = await api.RunAsync(source);
            rerun.Outcome.ShouldBe(SyncOutcome.Succeeded, $"{source}: {rerun.Error}");
            suppressed += rerun.Suppressed;
        }

        suppressed.ShouldBeGreaterThan(0);
        var keys = person.Keys;
        (await api.WithDbAsync(db => db.Identities.CountAsync(i => keys.Contains(i.Value)))).ShouldBe(0);
        (await api.WithDbAsync(db => db.Customers.CountAsync(c => c.Id == person.Id))).ShouldBe(0);
        (await api.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Operation == AuditOperation.Erasure && a.CustomerId == person.Id))).ShouldBe(1);
    }
}
