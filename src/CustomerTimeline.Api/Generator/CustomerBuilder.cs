using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Generator;

/// <summary>
/// The working state while one customer's events are generated: their timeline window, the random stream,
/// per-source record counters and the events so far.
/// </summary>
internal sealed class CustomerBuilder
{
    private readonly ulong _salt;
    private long _dataverseSeq, _zendeskSeq, _matomoSeq, _typeformSeq;

    public CustomerBuilder(Persona persona, DeterministicRandom rng, DateTimeOffset now, ulong salt)
    {
        Persona = persona;
        Rng = rng;
        Now = DeterministicRandom.TruncateToSecond(now);
        _salt = salt;
        End = Now.AddHours(-1);
        Start = rng.Between(Now.AddDays(-730), Now.AddDays(-30));
        PurchaseAt = Start + (End - Start) * (rng.Next(5, 30) / 100.0);
        Mood = rng.Next(100) switch { < 35 => CustomerMood.Happy, < 80 => CustomerMood.Neutral, _ => CustomerMood.Unhappy };
    }

    public Persona Persona { get; }
    public DeterministicRandom Rng { get; }
    public DateTimeOffset Now { get; }

    /// <summary>First contact: the CRM contact is created here.</summary>
    public DateTimeOffset Start { get; set; }

    /// <summary>Where the prospect becomes a customer; prospects (stuck customers) never reach it.</summary>
    public DateTimeOffset PurchaseAt { get; set; }

    /// <summary>No regular activity after this instant.</summary>
    public DateTimeOffset End { get; set; }

    public CustomerMood Mood { get; set; }

    /// <summary>Stuck customers only do prospect things: no tickets, no surveys.</summary>
    public bool ProspectOnly { get; set; }

    /// <summary>After identification every visit of this customer carries the user id (AnonymousThenIdentified).</summary>
    public bool AlwaysIdentified { get; set; }

    public List<TimelineEvent> Events { get; } = [];

    /// <summary>When each source first saw this customer under one of their keys.</summary>
    public Dictionary<IdentityKind, DateTimeOffset> FirstSeen { get; } = [];

    public void Seen(IdentityKind kind, DateTimeOffset at)
    {
        if (!FirstSeen.TryGetValue(kind, out var seen) || at < seen) FirstSeen[kind] = at;
    }

    public bool IsCustomerAt(DateTimeOffset at) => at >= PurchaseAt;

    public DateTimeOffset RandomTime() => Rng.Between(Start, End);

    public DateTimeOffset RandomCustomerTime() => Rng.Between(PurchaseAt < End ? PurchaseAt : Start, End);

    public string NextDataverseId() =>
        IdFactory.Guid((ulong)(Persona.Id * IdFactory.Block + ++_dataverseSeq), _salt, Rng.NextUInt64());

    public string NextZendeskId() => IdFactory.RecordNumber(Persona.Id, ++_zendeskSeq);

    public string NextMatomoId() => IdFactory.RecordNumber(Persona.Id, ++_matomoSeq);

    public string NextTypeformToken() =>
        IdFactory.Hex16(SeedMixer.Mix((ulong)(Persona.Id * IdFactory.Block + ++_typeformSeq) ^ _salt ^ 0x7F))
        + IdFactory.Hex16(Rng.NextUInt64());

    public TimelineEvent Add(
        EventSource source, string recordId, Channel channel, DateTimeOffset at, DateTimeOffset updatedAt,
        string title, string? summary, EventDetails details, double? sentiment = null)
    {
        var e = new TimelineEvent
        {
            CustomerId = Persona.Id,
            Source = source,
            SourceRecordId = recordId,
            Kind = KindOf(details),
            OccurredAt = at,
            SourceUpdatedAt = updatedAt < at ? at : updatedAt,
            Channel = channel,
            Title = title,
            Summary = summary,
            Sentiment = sentiment,
            Details = details.ToJson(),
        };
        Events.Add(e);
        return e;
    }

    private static EventKind KindOf(EventDetails details) => details switch
    {
        ContactChangeDetails => EventKind.ContactChange,
        CrmActivityDetails => EventKind.CrmActivity,
        TicketDetails => EventKind.Ticket,
        TicketMessageDetails => EventKind.TicketMessage,
        WebVisitDetails => EventKind.WebVisit,
        SurveyAnswerDetails => EventKind.SurveyAnswer,
        _ => throw new ArgumentOutOfRangeException(nameof(details), details.GetType().Name, "Unknown details type."),
    };
}
