namespace CustomerTimeline.Api.Generator;

/// <summary>What to generate. The same options always produce the same data.</summary>
public sealed record GeneratorOptions
{
    public const int MaxTargetEvents = 50_000_000;
    public const int MaxCustomers = 5_000_000;

    /// <summary>A fixed anchor so generated data never depends on the wall clock.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public int Seed { get; init; } = 42;

    public int TargetEvents
    {
        get;
        init
        {
            if (value is < 1 or > MaxTargetEvents)
            {
                throw new ArgumentOutOfRangeException(nameof(TargetEvents), value,
                    $"TargetEvents must be between 1 and {MaxTargetEvents:N0}.");
            }
            field = value;
        }
    } = 20_000;

    /// <summary>Explicit customer count; null means about one customer per 100 events.</summary>
    public int? Customers
    {
        get;
        init
        {
            if (value is < 1 or > MaxCustomers)
            {
                throw new ArgumentOutOfRangeException(nameof(Customers), value,
                    $"Customers must be null or between 1 and {MaxCustomers:N0}.");
            }
            field = value;
        }
    }

    public DateTimeOffset Now
    {
        get;
        init
        {
            if (value.UtcDateTime.Year < 2000)
            {
                throw new ArgumentOutOfRangeException(nameof(Now), value, "Now must be in the year 2000 or later.");
            }
            field = value.ToUniversalTime();
        }
    } = DefaultNow;

    public int CustomerCount => Customers ?? Math.Max(1, TargetEvents / 100);
}
