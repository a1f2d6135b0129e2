using CustomerTimeline.Api.Generator;

namespace CustomerTimeline.Tests.Generator;

/// <summary>Datasets shared by the read-only generator tests, generated once per test run.</summary>
internal static class Datasets
{
    public static readonly GeneratorOptions MediumOptions = new() { TargetEvents = 20_000 };

    private static readonly Lazy<IReadOnlyList<GeneratedCustomer>> LazyMedium =
        new(() => new DataGenerator(MediumOptions).Generate().ToList());

    /// <summary>20,000 events, 200 customers.</summary>
    public static IReadOnlyList<GeneratedCustomer> Medium => LazyMedium.Value;
}
