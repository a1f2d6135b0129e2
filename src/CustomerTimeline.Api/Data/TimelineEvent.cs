namespace CustomerTimeline.Api.Data;

/// <summary>One thing that happened to a customer, from any source. (Source, SourceRecordId) is unique.</summary>
public sealed class TimelineEvent
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public Customer? Customer { get; set; }
    public EventSource Source { get; set; }
    public required string SourceRecordId { get; set; }
    public EventKind Kind { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public Channel Channel { get; set; }
    public required string Title { get; set; }
    public string? Summary { get; set; }
    /// <summary>-1 (negative) .. 1 (positive); null when there is no text or score to judge.</summary>
    public double? Sentiment { get; set; }
    /// <summary>The text analyzer found an intent that calls for priority handling (cancel, refund, repeated problem...).</summary>
    public bool Urgent { get; set; }
    /// <summary>
    /// Intents the analyzer found, comma-separated; "" when analyzed and none found; null when not analyzed yet.
    /// Writers that change an event's text reset this (and Sentiment) to null so the next insights refresh re-reads it.
    /// </summary>
    [HotReadShared]
    public string? Intents { get; set; }
    [HotReadShared]
    public string? StageKey { get; set; }
    [HotReadShared]
    public string? TouchpointKey { get; set; }
    /// <summary>
    /// The source record this one belongs to (a ticket's comment: the ticket's record id), or null: it leaves the
    /// timeline when its parent is deleted and follows it to another customer.
    /// </summary>
    public string? ParentRecordId { get; set; }
    /// <summary>The source's own last-modified time, so a stale replay never overwrites newer data.</summary>
    public DateTimeOffset SourceUpdatedAt { get; set; }
    // Not named _details: EF would take a field of that name as the property's backing field.
    private StoredText _detailsText = new("");
    private EventDetails? _parsedDetails;

    /// <summary>The typed details of the event's kind, as JSON (see <see cref="EventDetails"/>).</summary>
    [HotReadUtf8(nameof(DetailsUtf8))]
    public required string Details
    {
        get => _detailsText.Text;
        set
        {
            _detailsText.Set(value);
            _parsedDetails = null;
        }
    }

    /// <summary>
    /// The details as stored, where a hot read set them: most served rows never have their details read (the agent
    /// context asks none of their fields), and those that do parse them from here without a string in between.
    /// </summary>
    internal byte[] DetailsUtf8
    {
        set
        {
            _detailsText.SetUtf8(value);
            _parsedDetails = null;
        }
    }

    /// <summary>The parsed details, read once per loaded row (an insights refresh reads them in several passes).</summary>
    public EventDetails ParsedDetails => _parsedDetails ??= _detailsText.IsUtf8 ? EventDetails.FromJson(_detailsText.Utf8) : EventDetails.FromJson(_detailsText.Text);

    public T DetailsAs<T>() where T : EventDetails => (T)ParsedDetails;

    /// <summary>
    /// Parses the details and lets go of their JSON, which <see cref="Details"/> then reads as "": for read-only
    /// copies that are never written back (an insights refresh holds a large customer's whole window at once).
    /// </summary>
    public void KeepParsedDetailsOnly()
    {
        _ = ParsedDetails;
        _detailsText.Set("");
    }

    /// <summary>
    /// Also lets go of the free text of an event already analyzed (a message's body, a ticket's description, a survey's
    /// comment): its sentiment and intents are stored, and the score and the rules read only the other fields.
    /// </summary>
    public void KeepAnalyzedDetailsOnly()
    {
        KeepParsedDetailsOnly();
        _parsedDetails = WithoutFreeText(_parsedDetails!);
    }

    /// <summary>
    /// A read-only copy's details parsed elsewhere (straight from the stored UTF-8), in the state
    /// <see cref="KeepParsedDetailsOnly"/> or, without their free text, <see cref="KeepAnalyzedDetailsOnly"/> leaves.
    /// </summary>
    internal void UseParsedDetails(EventDetails details, bool keepFreeText)
    {
        _detailsText.Set("");
        _parsedDetails = keepFreeText ? details : WithoutFreeText(details);
    }

    private static EventDetails WithoutFreeText(EventDetails details) => details switch
    {
        TicketMessageDetails m => m with { Body = "" },
        TicketDetails t => t with { Description = null },
        SurveyAnswerDetails s => s with { Comment = null },
        var other => other,
    };
}
