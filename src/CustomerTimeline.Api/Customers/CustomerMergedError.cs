using CustomerTimeline.Api.Relay;
using GraphQL;

namespace CustomerTimeline.Api.Customers;

/// <summary>
/// A request that must act on exactly the customer it names (an erasure, an export) named one merged into another.
/// Acting on the survivor instead would take in records the request never named: the caller decides. The
/// survivor's id travels as the <c>mergedInto</c> extension.
/// </summary>
public sealed class CustomerMergedError : ExecutionError
{
    public CustomerMergedError(long survivorId, string action)
        : base($"This customer was merged into customer {GlobalId.Encode(GlobalId.CustomerType, survivorId)}, which holds its data now; {action} that id.")
    {
        Code = "CUSTOMER_MERGED";
        MergedInto = GlobalId.Encode(GlobalId.CustomerType, survivorId);
    }

    public string MergedInto { get; }
}
