namespace CustomerTimeline.Api.Generator;

/// <summary>A page of the fictional vendor site; prospects and customers browse different parts of it.</summary>
internal sealed record WebPage(string Path, string Title, bool ForProspects, bool ForCustomers);
