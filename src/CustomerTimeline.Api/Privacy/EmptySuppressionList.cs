using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Privacy;

/// <summary>The suppression list while no erasure feature is registered: nothing is suppressed.</summary>
public sealed class EmptySuppressionList : ISuppressionList
{
    public Task<bool> IsSuppressedAsync(IdentityKind kind, string normalizedValue, CancellationToken ct) =>
        Task.FromResult(false);
}
