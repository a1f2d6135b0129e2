using System.Collections.Frozen;
using System.Diagnostics;
using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Generator;

/// <summary>Builds one customer: persona, planted pattern, regular events filling the budget, identities.</summary>
internal static class CustomerGenerator
{
    /// <summary>Share of CRM, ticket, web and survey events before the per-customer tilt.</summary>
    private static readonly int[] Mix = [25, 30, 35, 10];
    private static readonly int[] ProspectMix = [40, 0, 60, 0];

    public static GeneratedCustomer Generate(GeneratorOptions options, CustomerPlan plan, int budget)
    {
        var persona = PersonaFactory.Create(options.Seed, plan.Id);
        var rng = new DeterministicRandom(SeedMixer.Derive(options.Seed, plan.Id, RngStream.Events));
        var b = new CustomerBuilder(persona, rng, options.Now, SeedMixer.Salt(options.Seed, RngStream.Ids));

        PatternPlanter.Plant(b, plan);
        Debug.Assert(b.Events.Count == plan.PatternCost, "A pattern must write exactly the events it was budgeted.");
        AddRegularEvents(b, budget - b.Events.Count);

        var events = b.Events.OrderBy(e => e.OccurredAt).ToList(); // stable: a ticket stays before its first comment
        var created = events.Count > 0 && events[0].OccurredAt < b.Start ? events[0].OccurredAt : b.Start;
        var updated = events.Count > 0 ? events.Max(e => e.SourceUpdatedAt) : created;
        var customer = new Customer
        {
            Id = persona.Id,
            DisplayName = persona.DisplayName,
            PrimaryEmail = persona.Email,
            Phone = persona.Phone,
            Company = persona.Company,
            CreatedAt = created,
            UpdatedAt = updated > created ? updated : created,
        };
        customer.RefreshSearchText();
        var patterns = plan.Pattern is { } p ? new[] { p }.ToFrozenSet() : FrozenSet<PlantedPattern>.Empty;
        return new GeneratedCustomer(customer, Identities(b), events, patterns);
    }

    private static void AddRegularEvents(CustomerBuilder b, int count)
    {
        if (count <= 0) return;
        var weights = (b.ProspectOnly ? ProspectMix : Mix).Select(w => w * b.Rng.Next(60, 141)).ToArray();
        var counts = Apportion(count, weights);

        // Times are drawn first and sorted, so each source's record numbers grow with time as real ids do.
        if (counts[0] > 0) CrmEvents.ContactCreated(b, b.Start);
        foreach (var at in Times(counts[0] - 1, b.RandomTime))
        {
            if (b.Rng.Percent(15)) CrmEvents.ContactUpdated(b, at);
            else CrmEvents.RandomActivity(b, at);
        }
        var threads = new List<int>();
        for (var left = counts[1]; left > 0; left -= threads[^1])
        {
            threads.Add(left <= 2 ? left : Math.Min(left, 1 + b.Rng.Next(1, 5)));
        }
        var starts = Times(threads.Count, b.RandomCustomerTime);
        for (var i = 0; i < threads.Count; i++) ZendeskEvents.RandomTicket(b, starts[i], threads[i] - 1);
        foreach (var at in Times(counts[2], b.RandomTime)) MatomoEvents.RandomVisit(b, at);
        foreach (var at in Times(counts[3], b.RandomCustomerTime)) TypeformEvents.RandomAnswer(b, at);
    }

    private static List<DateTimeOffset> Times(int count, Func<DateTimeOffset> draw) =>
        Enumerable.Range(0, Math.Max(0, count)).Select(_ => draw()).Order().ToList();

    /// <summary>Largest-remainder split of <paramref name="total"/> by integer weights: exact and platform-independent.</summary>
    internal static int[] Apportion(int total, int[] weights)
    {
        long sum = weights.Sum(w => (long)w);
        var counts = weights.Select(w => (int)(total * (long)w / sum)).ToArray();
        var order = Enumerable.Range(0, weights.Length)
            .OrderByDescending(i => total * (long)weights[i] % sum)
            .ThenBy(i => i)
            .ToArray();
        for (int left = total - counts.Sum(), k = 0; left > 0; left--, k++) counts[order[k]]++;
        return counts;
    }

    private static List<CustomerIdentity> Identities(CustomerBuilder b)
    {
        var p = b.Persona;
        var list = new List<CustomerIdentity>
        {
            Identity(p, IdentityKind.Email, p.Email, EventSource.Dataverse, b.Start),
            Identity(p, IdentityKind.DataverseContactId, p.DataverseContactId, EventSource.Dataverse, b.Start),
        };
        if (p.Phone is not null) list.Add(Identity(p, IdentityKind.Phone, p.Phone, EventSource.Dataverse, b.Start));
        (IdentityKind Kind, string Value, EventSource Source)[] external =
        [
            (IdentityKind.ZendeskUserId, p.ZendeskUserId, EventSource.Zendesk),
            (IdentityKind.MatomoVisitorId, p.VisitorId, EventSource.Matomo),
            (IdentityKind.MatomoUserId, p.Email, EventSource.Matomo),
            (IdentityKind.TypeformRespondentId, p.TypeformRespondentId, EventSource.Typeform),
        ];
        foreach (var (kind, value, source) in external)
        {
            // A source only knows the customer once it has a record of them.
            if (b.FirstSeen.TryGetValue(kind, out var at)) list.Add(Identity(p, kind, value, source, at));
        }
        return list;
    }

    private static CustomerIdentity Identity(Persona p, IdentityKind kind, string value, EventSource source, DateTimeOffset at) =>
        new() { CustomerId = p.Id, Kind = kind, Value = value, Source = source, FirstSeenAt = at };
}
