namespace CustomerTimeline.Api.Generator;

/// <summary>
/// Writes the events of a planted pattern (exactly <see cref="CustomerPlan.PatternCost"/> of them) and bends the
/// customer's window and mood so their regular events tell the same story.
/// </summary>
internal static class PatternPlanter
{
    public static void Plant(CustomerBuilder b, CustomerPlan plan)
    {
        switch (plan.Pattern)
        {
            case PlantedPattern.RepeatedProblem: RepeatedProblem(b, plan.PatternSize); break;
            case PlantedPattern.Promoter: Promoter(b); break;
            case PlantedPattern.Detractor: Detractor(b); break;
            case PlantedPattern.AnonymousThenIdentified: AnonymousThenIdentified(b, plan.PatternSize); break;
            case PlantedPattern.StuckInStage: StuckInStage(b); break;
            case null: break;
        }
    }

    /// <summary>Several tickets on one topic within a week, each closed and reopened, then an angry survey.</summary>
    private static void RepeatedProblem(CustomerBuilder b, int tickets)
    {
        var rng = b.Rng;
        var lang = b.Persona.Language;
        b.Mood = CustomerMood.Unhappy;
        EnsureLongCustomer(b);
        var topic = rng.Pick(TextPools.Problems.Where(p => p.RepeatSubjects is not null).ToArray());
        var first = rng.Between(b.Now.AddDays(-60), b.Now.AddDays(-10));
        var span = TimeSpan.FromHours(rng.Next(3 * 24, 6 * 24)); // all tickets inside seven days
        var tags = new[] { topic.Tag }; // the same tag every time: that is how the repetition shows
        var last = first;
        for (var k = 0; k < tickets; k++)
        {
            var at = first + span * k / (tickets - 1);
            var subject = k == 0 ? topic.Subject.For(lang)[0] : topic.RepeatSubjects!.For(lang)[(k - 1) % 5];
            var complaint = k == 0 ? topic.Description.For(lang)[0] : TextPools.RepeatedComplaints.Pick(rng, lang);
            var reply = TimeSpan.FromMinutes(rng.Next(60, 6 * 60));
            TicketMessage[] thread =
            [
                new("customer", true, complaint, TimeSpan.Zero),
                new("agent", true, TextPools.AgentReplies.For(lang)[1], reply), // "we deployed a fix"... until it breaks again
            ];
            var lastTicket = k == tickets - 1;
            ZendeskEvents.Emit(b, at, subject, b.Persona.Fill(complaint), topic.Type, "email",
                lastTicket ? "open" : "solved", k switch { 0 => "normal", _ when lastTicket => "urgent", _ => "high" },
                tags, thread, TimeSpan.FromHours(2));
            last = at + reply;
        }
        TypeformEvents.Answer(b, last.AddDays(1), "NPS", rng.Next(0, 5), TextPools.RepeatedProblemComments.Pick(rng, lang));
    }

    private static void Promoter(CustomerBuilder b)
    {
        b.Mood = CustomerMood.Happy;
        TypeformEvents.Answer(b, b.Rng.Between(b.Now.AddDays(-21), b.Now.AddDays(-1)), "NPS", b.Rng.Next(9, 11),
            TextPools.PositiveComments.Pick(b.Rng, b.Persona.Language));
    }

    private static void Detractor(CustomerBuilder b)
    {
        b.Mood = CustomerMood.Unhappy;
        TypeformEvents.Answer(b, b.Rng.Between(b.Now.AddDays(-45), b.Now.AddDays(-1)), "NPS", b.Rng.Next(0, 7),
            TextPools.NegativeComments.Pick(b.Rng, b.Persona.Language));
    }

    /// <summary>An unknown visitor reads the site for weeks, signs up (the CRM contact starts there), then comes back logged in.</summary>
    private static void AnonymousThenIdentified(CustomerBuilder b, int anonymousVisits)
    {
        b.AlwaysIdentified = true;
        var times = Enumerable.Range(0, anonymousVisits)
            .Select(_ => b.Rng.Between(b.Start.AddDays(-40), b.Start.AddDays(-1)))
            .Order()
            .ToList();
        foreach (var at in times) MatomoEvents.RandomVisitAs(b, at, userId: null);
        MatomoEvents.SignupVisit(b, b.Start);
        MatomoEvents.RandomVisitAs(b, b.Rng.Between(b.Start.AddDays(1), b.End), b.Persona.Email);
    }

    /// <summary>A prospect who compared prices, had a demo, and has not been heard from for over 60 days.</summary>
    private static void StuckInStage(CustomerBuilder b)
    {
        var rng = b.Rng;
        b.ProspectOnly = true;
        b.End = rng.Between(b.Now.AddDays(-110), b.Now.AddDays(-61));
        b.Start = rng.Between(b.End.AddDays(-250), b.End.AddDays(-30));
        b.PurchaseAt = b.End.AddYears(1); // never reached
        var demo = rng.Between(b.End.AddDays(-20), b.End.AddDays(-3));
        MatomoEvents.PricingVisit(b, rng.Between(b.Start, demo), null);
        MatomoEvents.PricingVisit(b, rng.Between(b.Start, demo), b.Persona.Email);
        CrmEvents.Demo(b, demo);
        MatomoEvents.PricingVisit(b, b.End, b.Persona.Email);
    }

    /// <summary>A repeated problem needs the customer to have bought well before the tickets start.</summary>
    private static void EnsureLongCustomer(CustomerBuilder b)
    {
        if (b.Start <= b.Now.AddDays(-120)) return;
        b.Start = b.Rng.Between(b.Now.AddDays(-400), b.Now.AddDays(-120));
        b.PurchaseAt = b.Start + (b.End - b.Start) * 0.2;
    }
}
