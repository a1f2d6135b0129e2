using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Generator;

/// <summary>Zendesk tickets and their comments; the first comment is the ticket's description, as in Zendesk.</summary>
internal static class ZendeskEvents
{
    private static readonly string[] Vias = ["web", "web", "web", "email", "email", "chat"];

    /// <summary>A ticket about a random topic with <paramref name="messages"/> comments (events = 1 + messages).</summary>
    public static void RandomTicket(CustomerBuilder b, DateTimeOffset opened, int messages)
    {
        var rng = b.Rng;
        var lang = b.Persona.Language;
        var topic = rng.Pick(TextPools.Problems);
        var via = rng.Pick(Vias);
        var description = b.Persona.Fill(topic.Description.Pick(rng, lang));
        var thread = new List<TicketMessage>();
        var offset = TimeSpan.Zero;
        for (var i = 0; i < messages; i++)
        {
            if (i > 0) offset += via == "chat" ? TimeSpan.FromMinutes(rng.Next(1, 15)) : TimeSpan.FromMinutes(rng.Next(20, 30 * 60));
            thread.Add(i switch
            {
                0 => new TicketMessage("customer", true, description, offset),
                _ when i % 2 == 1 && rng.Percent(20) => new TicketMessage("agent", false, TextPools.InternalNotes.Pick(rng, lang), offset),
                _ when i % 2 == 1 => new TicketMessage("agent", true, TextPools.AgentReplies.Pick(rng, lang), offset),
                _ => new TicketMessage("customer", true, TextPools.CustomerFollowUps.Pick(rng, lang), offset),
            });
        }

        var solveDelay = TimeSpan.FromHours(rng.Next(1, 25));
        var latest = b.Now.AddMinutes(-5) - offset - solveDelay;
        var start = Earliest(opened, latest); // the whole thread must fit before now
        var age = b.Now - (start + offset);
        var status = age > TimeSpan.FromDays(5)
            ? rng.Pick(["solved", "closed", "closed"])
            : rng.Pick(["new", "open", "open", "pending", "solved"]);
        var priority = rng.Next(100) switch { < 20 => "low", < 75 => "normal", < 93 => "high", _ => "urgent" };
        var tags = new List<string> { topic.Tag };
        if (b.Persona.IsFrench) tags.Add("lang-fr");
        if (rng.Percent(15)) tags.Add("vip");
        Emit(b, start, topic.Subject.Pick(rng, lang), description, topic.Type, via, status, priority, tags, thread, solveDelay);
    }

    /// <summary>Writes the ticket and its comments; solved and closed tickets get a SolvedAt after the last comment.</summary>
    public static string Emit(
        CustomerBuilder b, DateTimeOffset start, string subject, string description, string type, string via,
        string status, string priority, IReadOnlyList<string> tags, IReadOnlyList<TicketMessage> thread, TimeSpan solveDelay)
    {
        subject = b.Persona.Fill(subject);
        var ticketId = b.NextZendeskId();
        var last = start + (thread.Count == 0 ? TimeSpan.Zero : thread[^1].Offset);
        DateTimeOffset? solvedAt = status is "solved" or "closed" ? Earliest(last + solveDelay, b.Now) : null;
        var channel = ChannelOf(via);
        b.Seen(IdentityKind.ZendeskUserId, start);
        b.Add(EventSource.Zendesk, ticketId, channel, start, solvedAt ?? last, subject, description,
            new TicketDetails(subject, status, priority, type, tags, description, solvedAt));

        foreach (var m in thread)
        {
            var at = start + m.Offset;
            var body = b.Persona.Fill(m.Body);
            var messageVia = m.Author == "customer" || via == "chat" ? via : "web";
            var title = (m.Author, m.IsPublic) switch
            {
                ("customer", _) => $"Customer message on #{ticketId}: {subject}",
                (_, true) => $"Agent reply on #{ticketId}: {subject}",
                _ => $"Internal note on #{ticketId}: {subject}",
            };
            b.Add(EventSource.Zendesk, b.NextZendeskId(), channel, at, at, title, body,
                new TicketMessageDetails(ticketId, m.Author, m.IsPublic, body, messageVia)).ParentRecordId = ticketId;
        }
        return ticketId;
    }

    private static Channel ChannelOf(string via) => via switch
    {
        "email" => Channel.Email,
        "chat" => Channel.Chat,
        _ => Channel.Helpdesk,
    };

    private static DateTimeOffset Earliest(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
