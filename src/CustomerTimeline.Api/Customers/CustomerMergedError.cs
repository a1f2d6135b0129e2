using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Privacy;
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
        : this(GlobalId.Encode(GlobalId.CustomerType, survivorId), action)
    {
    }

    private CustomerMergedError(string survivor, string action)
        : base($"This customer was merged into customer {survivor}, which holds its data now; {action} that id.")
    {
        Code = "CUSTOMER_MERGED";
        MergedInto = survivor;
    }

    public string MergedInto { get; }

    /// <summary>
    /// Why a customer that does not exist cannot be acted on: merged into another (named), or
    /// <paramref name="notFound"/>. A "not found" for a merged one would read as "nothing left to erase".
    /// </summary>
    public static async Task<ExecutionError> OrNotFoundAsync(
        TimelineDbContext db, long customerId, string action, string notFound, CancellationToken cancellationToken) =>
        await MergedCustomers.SurvivorOfAsync(db, customerId, cancellationToken) is { } survivor
            ? new CustomerMergedError(survivor, action)
            : new NotFoundError(notFound);
}
