using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Security;

namespace CustomerTimeline.Api.Customers;

/// <summary>
/// Masks a key for merge explanations: enough to recognise it ("a***@c***.com", "+*******0101"),
/// not enough to read it back (an email's domain can name the person or their employer).
/// </summary>
public static class IdentityMask
{
    public const int MaxLength = 64;

    public static string Mask(IdentityKind kind, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var masked = kind switch
        {
            IdentityKind.Email => PiiMask.Email(value),
            IdentityKind.Phone => value.Length <= 4 ? "****" : "+" + new string('*', Math.Max(0, value.Length - 5)) + value[^4..],
            _ => value.Length <= 4 ? "****" : "***" + value[^4..],
        };
        return masked.Length <= MaxLength ? masked : masked[..MaxLength];
    }
}
