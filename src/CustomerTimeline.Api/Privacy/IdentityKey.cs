using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Privacy;

/// <summary>A source key as stored in identities: its kind and its normalized value.</summary>
public readonly record struct IdentityKey(IdentityKind Kind, string NormalizedValue);
