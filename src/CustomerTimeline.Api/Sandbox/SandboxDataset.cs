namespace CustomerTimeline.Api.Sandbox;

/// <summary>The generator's dataset as the four vendors hold it, each list sorted by its paging key.</summary>
internal sealed class SandboxDataset
{
    public required IReadOnlyList<SandboxRecord> Contacts { get; init; }

    /// <summary>activitypointers: emails, phone calls, appointments, tasks.</summary>
    public required IReadOnlyList<SandboxRecord> Activities { get; init; }

    /// <summary>annotations attached to contacts.</summary>
    public required IReadOnlyList<SandboxRecord> Notes { get; init; }

    public required IReadOnlyList<SandboxRecord> ZendeskUsers { get; init; }

    /// <summary>Each user's JSON by id: the <c>users</c> sideload of tickets.</summary>
    public required IReadOnlyDictionary<long, byte[]> ZendeskUsersById { get; init; }

    public required IReadOnlyList<SandboxRecord> ZendeskTickets { get; init; }

    /// <summary>Each ticket's requester (its submitter too; the assignee is always the agent).</summary>
    public required IReadOnlyDictionary<long, long> TicketRequesters { get; init; }

    /// <summary>The <c>metric_sets</c> sideload of each ticket, by ticket id.</summary>
    public required IReadOnlyDictionary<long, byte[]> TicketMetricSets { get; init; }

    /// <summary>The tickets <c>show_many</c> answers (all but deleted ones): their JSON by id.</summary>
    public required IReadOnlyDictionary<long, byte[]> LiveTickets { get; init; }

    /// <summary>One audit per comment, with the comment as its child event (<c>include=comment_events</c>), by (timestamp, id).</summary>
    public required IReadOnlyList<SandboxRecord> TicketEvents { get; init; }

    /// <summary><see cref="TicketEvents"/> as sent without the sideload, in the same order.</summary>
    public required IReadOnlyList<SandboxRecord> BareTicketEvents { get; init; }

    public required IReadOnlyList<SandboxRecord> MatomoVisits { get; init; }

    /// <summary>Completed responses by form id, by submitted_at.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<SandboxRecord>> TypeformResponses { get; init; }
}
