namespace CustomerTimeline.Api.Generator;

/// <summary>Reported after every committed batch.</summary>
public sealed record LoadProgress(int Customers, long Identities, long Events, TimeSpan Elapsed);
