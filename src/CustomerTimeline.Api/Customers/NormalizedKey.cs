using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Customers;

/// <summary>An identity key in its stored form (see <see cref="IdentityNormalizer"/>).</summary>
public readonly record struct NormalizedKey(IdentityKind Kind, string Value);
