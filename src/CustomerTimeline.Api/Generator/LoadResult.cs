namespace CustomerTimeline.Api.Generator;

/// <summary>What a load inserted, and how long it took.</summary>
public sealed record LoadResult(int Customers, long Identities, long Events, TimeSpan Elapsed);
