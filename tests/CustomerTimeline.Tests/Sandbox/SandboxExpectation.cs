using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Generator;

namespace CustomerTimeline.Tests.Sandbox;

/// <summary>
/// What the database must hold once the connectors have read the sandbox, derived from the generator itself.
/// Every generated event is one vendor record, except ContactChange: Dataverse serves a contact's current row, not
/// its history, so each contact yields exactly one ContactChange. Customers: one per generated customer, all keys
/// merged by email and vendor ids, plus one anonymous customer per generated customer whose visits all lack a
/// userId (their visitor id never meets a known key, so it cannot be merged).
/// </summary>
public sealed record SandboxExpectation(int Customers, int AnonymousCustomers, IReadOnlyDictionary<EventKind, long> EventsByKind)
{
    public static SandboxExpectation For(int seed, int events)
    {
        var generated = new DataGenerator(new GeneratorOptions { Seed = seed, TargetEvents = events }).Generate().ToList();
        var byKind = generated.SelectMany(c => c.Events)
            .GroupBy(e => e.Kind)
            .ToDictionary(g => g.Key, g => g.LongCount());
        byKind[EventKind.ContactChange] = generated.Count;
        var anonymousOnly = generated.Count(c =>
        {
            var visits = c.Events.Where(e => e.Kind == EventKind.WebVisit).ToList();
            return visits.Count > 0 && visits.All(v => ((WebVisitDetails)EventDetails.FromJson(v.Details)).UserId is null);
        });
        return new SandboxExpectation(generated.Count + anonymousOnly, anonymousOnly, byKind);
    }
}
