using System.Globalization;
using CustomerTimeline.Api.Relay;
using GraphQL;

namespace CustomerTimeline.Api.Customers;

/// <summary>
/// A phone number several customers carry (a company's switchboard as its contacts' business phone, a family line):
/// its key's owner is only the first of them to arrive, and answering it would name the wrong caller with confidence.
/// The caller asks for another key or picks one of the <c>customerIds</c> extension (the key's owner first).
/// </summary>
public sealed class SharedPhoneError : ExecutionError
{
    /// <summary>At most this many ids are listed.</summary>
    public const int MaxListed = 20;

    public SharedPhoneError(IReadOnlyList<long> customerIds, int total)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"{total} customers share this phone number (a company's switchboard or a shared line), so it names none of them: look the caller up by email or another key, or choose among {(total > customerIds.Count ? $"the first {customerIds.Count} in " : "")}extensions.customerIds."))
    {
        ArgumentNullException.ThrowIfNull(customerIds);
        Code = "AMBIGUOUS_IDENTITY";
        CustomerIds = [.. customerIds.Select(id => GlobalId.Encode(GlobalId.CustomerType, id))];
    }

    public IReadOnlyList<string> CustomerIds { get; }
}
