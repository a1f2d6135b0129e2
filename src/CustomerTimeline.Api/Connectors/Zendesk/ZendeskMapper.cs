using System.Globalization;
using System.Text.Json;
using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Connectors.Zendesk;

/// <summary>Pure mapping of raw Zendesk users, tickets and comments to timeline records.</summary>
public static class ZendeskMapper
{
    public static string UserRecordId(long id) => "user-" + id.ToString(CultureInfo.InvariantCulture);

    public static string TicketRecordId(long id) => "ticket-" + id.ToString(CultureInfo.InvariantCulture);

    public static string CommentRecordId(long id) => "comment-" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Agents and admins: they answer tickets, they are not customers.</summary>
    public static bool IsStaff(string? role) =>
        string.Equals(role, "agent", StringComparison.OrdinalIgnoreCase) || string.Equals(role, "admin", StringComparison.OrdinalIgnoreCase);

    /// <summary>The staff among users sideloaded with tickets.</summary>
    public static HashSet<long> StaffIds(IEnumerable<ZendeskSideloadedUser>? users) =>
        users is null ? [] : [.. users.Where(u => IsStaff(u.Role)).Select(u => u.Id)];

    /// <summary>
    /// A person; null for staff (agents, admins), who are no customer of ours, and for a deleted user: Zendesk has
    /// cleared their email and phone (a permanently deleted one is renamed "Permanently Deleted User"), which says
    /// nothing about the customer; what was read about them before stays, as do their tickets.
    /// </summary>
    public static SourceRecord? MapUser(JsonElement raw)
    {
        var recordId = RawRecords.RecordId(raw, "id", "user-");
        var user = ConnectorJson.ReadRecord<ZendeskUser>(raw, out var error);
        var updatedAt = RawRecords.Timestamp(raw, "updated_at");
        if (user is null) return RawRecords.Unmappable(raw, recordId, updatedAt, error ?? "Empty user record.");
        if (user.UpdatedAt is null) return RawRecords.Unmappable(raw, recordId, updatedAt, "The user has no updated_at.");
        if (IsStaff(user.Role) || user.Active == false) return null;

        var id = user.Id.ToString(CultureInfo.InvariantCulture);
        // A shared number (a switchboard, a family line) is no identity in Zendesk either: it would merge everyone on it.
        var phone = user.SharedPhoneNumber == true ? null : user.Phone;
        var keys = new List<IdentityKey> { new(IdentityKind.ZendeskUserId, id) };
        if (!string.IsNullOrWhiteSpace(user.Email)) keys.Add(new(IdentityKind.Email, user.Email));
        if (!string.IsNullOrWhiteSpace(phone)) keys.Add(new(IdentityKind.Phone, phone));
        return new SourcePerson(UserRecordId(user.Id), user.UpdatedAt.Value, keys, user.Name, user.Email, phone, null);
    }

    /// <summary>Reads a ticket for the connector (its id, a comment's requester); null when unreadable.</summary>
    public static ZendeskTicket? ReadTicket(JsonElement raw) => ConnectorJson.ReadRecord<ZendeskTicket>(raw, out _);

    /// <summary>
    /// Maps a ticket the connector already read from <paramref name="raw"/> (null, with its error, when unreadable).
    /// A ticket requested by one of <paramref name="staff"/> is internal: it maps to a deletion, which also takes it off
    /// the timeline of a customer who was its requester before.
    /// </summary>
    public static SourceRecord MapTicket(JsonElement raw, ZendeskTicket? ticket, string? error, DateTimeOffset? solvedAt,
        IReadOnlySet<long>? staff = null)
    {
        var recordId = RawRecords.RecordId(raw, "id", "ticket-");
        var updatedAt = RawRecords.Timestamp(raw, "updated_at");
        if (ticket is null) return RawRecords.Unmappable(raw, recordId, updatedAt, error ?? "Empty ticket record.");
        if (ticket.UpdatedAt is null) return RawRecords.Unmappable(raw, recordId, updatedAt, "The ticket has no updated_at.");

        if (ticket.IsDeleted)
            return new SourceDeletion(TicketRecordId(ticket.Id), ticket.UpdatedAt.Value);
        if (ticket.RequesterId is null) return RawRecords.Unmappable(raw, recordId, updatedAt, "The ticket has no requester_id.");
        if (ticket.IsInternal(staff)) return new SourceDeletion(TicketRecordId(ticket.Id), ticket.UpdatedAt.Value);
        if (ticket.CreatedAt is null) return RawRecords.Unmappable(raw, recordId, updatedAt, "The ticket has no created_at.");

        var number = ticket.Id.ToString(CultureInfo.InvariantCulture);
        var subject = string.IsNullOrWhiteSpace(ticket.Subject) ? $"Ticket #{number}" : ticket.Subject;
        return new SourceEvent(
            TicketRecordId(ticket.Id),
            ticket.UpdatedAt.Value,
            [new(IdentityKind.ZendeskUserId, ticket.RequesterId.Value.ToString(CultureInfo.InvariantCulture))],
            EventKind.Ticket,
            ticket.CreatedAt.Value,
            ChannelOf(ticket.Via?.Channel),
            subject,
            RawRecords.Excerpt(ticket.Description),
            new TicketDetails(
                subject,
                ticket.Status ?? "new",
                ticket.Priority ?? "none",
                ticket.Type,
                ticket.Tags ?? [],
                ticket.Description,
                solvedAt));
    }

    /// <summary>The form id a Zendesk satisfaction rating's survey answer carries.</summary>
    public const string SatisfactionFormId = "zendesk-satisfaction";

    public static string SatisfactionRecordId(long ticketId) => TicketRecordId(ticketId) + "-satisfaction";

    /// <summary>
    /// A ticket's satisfaction rating, once the requester answered, as a CSAT answer on their timeline: Zendesk's "good"
    /// and "bad" are the ends of the 1-5 CSAT scale the journey map and the automation rules read (a bad rating raises
    /// low-satisfaction). Dated by the ticket's solve (the survey follows it; the rating the ticket carries has no time of
    /// its own), else its last update. A deleted or internal ticket's rating goes with it. Null when there is none.
    /// </summary>
    public static SourceRecord? MapSatisfaction(ZendeskTicket? ticket, DateTimeOffset? solvedAt, IReadOnlySet<long>? staff = null)
    {
        if (ticket?.UpdatedAt is not { } updatedAt || ticket.SatisfactionRating is not { } rating) return null;
        var good = string.Equals(rating.Score, "good", StringComparison.OrdinalIgnoreCase);
        if (!good && !string.Equals(rating.Score, "bad", StringComparison.OrdinalIgnoreCase)) return null;
        var id = SatisfactionRecordId(ticket.Id);
        if (ticket.IsDeleted) return new SourceDeletion(id, updatedAt);
        if (ticket.RequesterId is not { } requester) return null; // the ticket itself is dead-lettered
        if (ticket.IsInternal(staff)) return new SourceDeletion(id, updatedAt);

        var number = ticket.Id.ToString(CultureInfo.InvariantCulture);
        var comment = string.IsNullOrWhiteSpace(rating.Comment) ? null : rating.Comment;
        return new SourceEvent(
            id,
            updatedAt,
            [new(IdentityKind.ZendeskUserId, requester.ToString(CultureInfo.InvariantCulture))],
            EventKind.SurveyAnswer,
            solvedAt ?? updatedAt,
            Channel.Survey,
            $"CSAT {(good ? "good" : "bad")} on #{number}",
            RawRecords.Excerpt(comment),
            new SurveyAnswerDetails(SatisfactionFormId, "CSAT", good ? 5 : 1, 1, 5, comment, null));
    }

    /// <summary>
    /// A comment goes on the requester's timeline, whoever wrote it; a comment on a ticket requested by one of
    /// <paramref name="staff"/> (an internal ticket) maps to a deletion, as the ticket does.
    /// </summary>
    public static SourceRecord MapComment(JsonElement raw, ZendeskTicket ticket, IReadOnlySet<long>? staff = null)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var recordId = RawRecords.RecordId(raw, "id", "comment-");
        var comment = ConnectorJson.ReadRecord<ZendeskComment>(raw, out var error);
        var createdAt = RawRecords.Timestamp(raw, "created_at");
        if (comment is null) return RawRecords.Unmappable(raw, recordId, createdAt, error ?? "Empty comment record.");
        if (comment.CreatedAt is null) return RawRecords.Unmappable(raw, recordId, createdAt, "The comment has no created_at.");
        var body = comment.PlainBody ?? comment.Body;
        if (body is null) return RawRecords.Unmappable(raw, recordId, createdAt, "The comment has no body.");
        if (ticket.RequesterId is null) return RawRecords.Unmappable(raw, recordId, createdAt, "The comment's ticket has no requester_id.");
        if (ticket.IsInternal(staff)) return new SourceDeletion(CommentRecordId(comment.Id), comment.CreatedAt.Value);

        var ticketId = ticket.Id.ToString(CultureInfo.InvariantCulture);
        var isPublic = comment.Public ?? true;
        var fromRequester = comment.AuthorId == ticket.RequesterId;
        var title = !isPublic ? $"Internal note on #{ticketId}"
            : fromRequester ? $"Customer message on #{ticketId}"
            : $"Agent reply on #{ticketId}";
        var via = comment.Via?.Channel ?? ticket.Via?.Channel;
        return new SourceEvent(
            CommentRecordId(comment.Id),
            // Comments are immutable once posted (redaction aside), so their creation is their last change.
            comment.CreatedAt.Value,
            [new(IdentityKind.ZendeskUserId, ticket.RequesterId.Value.ToString(CultureInfo.InvariantCulture))],
            EventKind.TicketMessage,
            comment.CreatedAt.Value,
            ChannelOf(via),
            title,
            RawRecords.Excerpt(body),
            new TicketMessageDetails(
                ticketId,
                comment.AuthorId?.ToString(CultureInfo.InvariantCulture) ?? "unknown",
                isPublic,
                body,
                via ?? "unknown"))
        {
            ParentRecordId = TicketRecordId(ticket.Id),
        };
    }

    /// <summary>Zendesk's <c>via.channel</c> values to timeline channels.</summary>
    public static Channel ChannelOf(string? via) => via?.ToUpperInvariant() switch
    {
        "EMAIL" => Channel.Email,
        "VOICE" => Channel.Phone,
        "SMS" => Channel.Sms,
        "CHAT" or "NATIVE_MESSAGING" or "MESSAGING" => Channel.Chat,
        "TWITTER" or "FACEBOOK" or "INSTAGRAM_DM" or "WHATSAPP" or "LINE" or "WECHAT" => Channel.Social,
        _ => Channel.Helpdesk,
    };
}
