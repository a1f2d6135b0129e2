namespace CustomerTimeline.Api.Generator;

/// <summary>One comment on a generated ticket, placed <see cref="Offset"/> after the ticket was opened.</summary>
internal sealed record TicketMessage(string Author, bool IsPublic, string Body, TimeSpan Offset);
