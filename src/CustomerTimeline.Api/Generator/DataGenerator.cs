namespace CustomerTimeline.Api.Generator;

/// <summary>
/// Generates a realistic, deterministic dataset: the same options always give the same customers, identities and
/// events, and customer N keeps the same profile at any scale. Customers are streamed one at a time.
/// </summary>
public sealed class DataGenerator
{
    private readonly BudgetPlanner _planner;

    public DataGenerator(GeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _planner = new BudgetPlanner(options);
    }

    public GeneratorOptions Options { get; }

    /// <summary>Customers in id order (1..CustomerCount); each enumeration yields fresh, identical objects.</summary>
    public IEnumerable<GeneratedCustomer> Generate()
    {
        foreach (var (plan, budget) in _planner.Plans())
        {
            yield return CustomerGenerator.Generate(Options, plan, budget);
        }
    }
}
