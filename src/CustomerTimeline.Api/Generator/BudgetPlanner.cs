namespace CustomerTimeline.Api.Generator;

/// <summary>
/// Splits TargetEvents over customers exactly: planted patterns first get what they need, every other customer
/// a small floor, and the rest goes by weight using cumulative integer rounding (so the parts always add up).
/// Only totals are kept, so planning a million customers costs no memory.
/// </summary>
internal sealed class BudgetPlanner
{
    private const int RegularFloor = 3;

    private readonly GeneratorOptions _options;
    private readonly bool _patternsOn;
    private readonly int _floor;
    private readonly long _free;
    private readonly long _totalWeight;

    public BudgetPlanner(GeneratorOptions options)
    {
        _options = options;
        long patternCost = 0, patterned = 0, weights = 0;
        for (long id = 1; id <= options.CustomerCount; id++)
        {
            var plan = CustomerPlan.For(options.Seed, id);
            weights += plan.Weight;
            if (plan.Pattern is null) continue;
            patternCost += plan.PatternCost;
            patterned++;
        }

        // Patterns are all-or-nothing, and may take at most half the events so regular customers stay varied.
        _patternsOn = patternCost * 2 <= options.TargetEvents;
        if (!_patternsOn) (patternCost, patterned) = (0, 0);
        var regular = options.CustomerCount - patterned;
        var left = options.TargetEvents - patternCost;
        _floor = regular == 0 ? 0 : (int)Math.Min(RegularFloor, left / regular);
        _free = left - _floor * regular;
        _totalWeight = weights;
    }

    /// <summary>Each customer's plan (pattern dropped when patterns do not fit) and exact event budget, in id order.</summary>
    public IEnumerable<(CustomerPlan Plan, int Budget)> Plans()
    {
        long cumulative = 0;
        long assigned = 0;
        for (long id = 1; id <= _options.CustomerCount; id++)
        {
            var plan = CustomerPlan.For(_options.Seed, id);
            if (!_patternsOn) plan = plan with { Pattern = null, PatternSize = 0 };
            cumulative += plan.Weight;
            var upTo = (long)((Int128)_free * cumulative / _totalWeight);
            var share = upTo - assigned;
            assigned = upTo;
            var floor = plan.Pattern is null ? _floor : plan.PatternCost;
            yield return (plan, (int)(floor + share));
        }
    }
}
