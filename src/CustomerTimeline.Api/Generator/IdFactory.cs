using System.Globalization;

namespace CustomerTimeline.Api.Generator;

/// <summary>
/// Vendor-looking ids that are unique by construction (bijections of the customer id or record number),
/// so uniqueness never depends on luck or on remembering what was already issued.
/// </summary>
internal static class IdFactory
{
    /// <summary>A prime that shares no factor with the moduli used here, so multiplying by it permutes them.</summary>
    private const ulong Multiplier = 2_654_435_761UL;

    /// <summary>Record numbers per customer and source stay below this, so customerId * Block + seq never collides.</summary>
    public const long Block = 100_000_000;

    /// <summary>A scrambled but one-to-one image of <paramref name="value"/> in [0, modulus).</summary>
    public static long Permute(long value, long modulus, ulong salt)
    {
        var shifted = ((ulong)value + salt % (ulong)modulus) % (ulong)modulus;
        return (long)((UInt128)shifted * Multiplier % (ulong)modulus);
    }

    public static string Digits(long value, int width) => value.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');

    public static string Hex16(ulong value) => value.ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>A GUID whose last 64 bits are a bijection of <paramref name="unique"/>; the rest is decoration.</summary>
    public static string Guid(ulong unique, ulong salt, ulong noise)
    {
        var low = Hex16(SeedMixer.Mix(unique ^ salt));
        var high = Hex16((noise & 0xFFFFFFFFFFFF0FFFUL) | 0x4000UL); // version-4 nibble, like real Dataverse ids
        return $"{high[..8]}-{high[8..12]}-{high[12..16]}-{low[..4]}-{low[4..]}";
    }

    public static string RecordNumber(long customerId, long seq) =>
        (customerId * Block + seq).ToString(CultureInfo.InvariantCulture);
}
