namespace CustomerTimeline.Api.Generator;

/// <summary>
/// Stable 64-bit mixing (SplitMix64). HashCode.Combine is randomized per process, so it can never seed data.
/// The finalizer is a bijection, which also lets it mint ids that are unique by construction.
/// </summary>
internal static class SeedMixer
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;

    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A seed for one concern (stream) of one customer, independent of how many customers exist.</summary>
    public static ulong Derive(int seed, long customerId, RngStream stream) =>
        Mix(Mix((ulong)(uint)seed * Gamma + (ulong)stream) ^ (ulong)customerId);

    /// <summary>A seed-dependent offset, so different seeds give different (but still unique) ids.</summary>
    public static ulong Salt(int seed, RngStream stream) => Mix((ulong)(uint)seed * Gamma ^ ((ulong)stream << 56));

    public static ulong Next(ref ulong state)
    {
        state += Gamma;
        return Mix(state);
    }
}
