namespace CustomerTimeline.Api.Generator;

/// <summary>
/// xoshiro256** with integer-only helpers: identical output on every platform and runtime version,
/// and no transcendental math whose last bit could differ between machines.
/// </summary>
internal sealed class DeterministicRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public DeterministicRandom(ulong seed)
    {
        var state = seed;
        _s0 = SeedMixer.Next(ref state);
        _s1 = SeedMixer.Next(ref state);
        _s2 = SeedMixer.Next(ref state);
        _s3 = SeedMixer.Next(ref state);
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, maxExclusive) (multiply-high; the bias is far below anything observable).</summary>
    public long NextInt64(long maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return (long)Math.BigMul(NextUInt64(), (ulong)maxExclusive, out _);
    }

    public int Next(int maxExclusive) => (int)NextInt64(maxExclusive);

    public int Next(int minInclusive, int maxExclusive) => minInclusive + Next(maxExclusive - minInclusive);

    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>True with the given probability in percent.</summary>
    public bool Percent(int percent) => Next(100) < percent;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>A whole-second instant in [from, to]; sources report seconds, so sub-second noise would only hurt round-trips.</summary>
    public DateTimeOffset Between(DateTimeOffset from, DateTimeOffset to)
    {
        var seconds = (to.UtcTicks - from.UtcTicks) / TimeSpan.TicksPerSecond;
        var offset = seconds <= 0 ? 0 : NextInt64(seconds + 1);
        return TruncateToSecond(from).AddSeconds(offset);
    }

    public static DateTimeOffset TruncateToSecond(DateTimeOffset t) =>
        new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
