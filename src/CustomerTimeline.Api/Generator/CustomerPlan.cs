namespace CustomerTimeline.Api.Generator;

/// <summary>
/// The cheap, scale-independent decisions about one customer, drawn before any content is generated
/// so the whole dataset's event budget can be split exactly.
/// </summary>
/// <param name="Weight">Relative share of the free event budget (heavy-tailed: a few customers are very busy).</param>
/// <param name="Pattern">The planted story, if any.</param>
/// <param name="PatternSize">Pattern-specific size (tickets for RepeatedProblem, anonymous visits for AnonymousThenIdentified).</param>
internal readonly record struct CustomerPlan(long Id, int Weight, PlantedPattern? Pattern, int PatternSize)
{
    /// <summary>Customers 1..5 get one pattern each (in enum order), so every pattern exists from five customers on.</summary>
    private const int FixedPatternCustomers = 5;

    public int PatternCost => Pattern switch
    {
        PlantedPattern.RepeatedProblem => 3 * PatternSize + 1, // each ticket + complaint + reply, then a survey
        PlantedPattern.Promoter or PlantedPattern.Detractor => 1,
        PlantedPattern.AnonymousThenIdentified => PatternSize + 2, // anonymous visits, signup visit, one more
        PlantedPattern.StuckInStage => 4, // three pricing/feature visits and a demo
        _ => 0,
    };

    public static CustomerPlan For(int seed, long id)
    {
        var rng = new DeterministicRandom(SeedMixer.Derive(seed, id, RngStream.Plan));
        var weight = DrawWeight(rng);
        PlantedPattern? pattern = null;
        if (id <= FixedPatternCustomers) pattern = (PlantedPattern)(id - 1);
        else if (rng.Percent(15)) pattern = (PlantedPattern)rng.Next(5); // 3% of customers per pattern
        var size = pattern switch
        {
            PlantedPattern.RepeatedProblem => rng.Next(3, 6),
            PlantedPattern.AnonymousThenIdentified => rng.Next(3, 6),
            _ => 0,
        };
        return new CustomerPlan(id, weight, pattern, size);
    }

    /// <summary>Tiers instead of a log-normal: integer weights keep the split exact and platform-independent.</summary>
    private static int DrawWeight(DeterministicRandom rng) => rng.Next(100) switch
    {
        < 55 => rng.Next(300, 800),
        < 85 => rng.Next(800, 2_000),
        < 97 => rng.Next(2_000, 5_000),
        _ => rng.Next(5_000, 15_000),
    };
}
