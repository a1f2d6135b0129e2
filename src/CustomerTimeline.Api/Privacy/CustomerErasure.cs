using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Privacy;

/// <summary>The result of eraseCustomer. A repeated erasure returns the first, completed request.</summary>
public sealed record CustomerErasure(PrivacyRequest Request, bool AlreadyErased, int DeletedRows, int SuppressedKeys);
