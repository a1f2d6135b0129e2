using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Insights;

/// <summary>
/// The denormalized insights of one customer (journey position, experience score, flags), maintained by
/// <see cref="CustomerInsights"/>. A customer without a row, or with an older <see cref="MapVersion"/>, still
/// needs computing: the background worker picks those up (bulk loads, map changes).
/// </summary>
public sealed class CustomerSummary
{
    public long CustomerId { get; set; }
    /// <summary>The journey map version the customer was classified with; negated while a refresh is pending.</summary>
    public int MapVersion { get; set; }
    public string? CurrentStageKey { get; set; }
    public DateTimeOffset? FirstEventAt { get; set; }
    public DateTimeOffset? LastEventAt { get; set; }
    public int EventCount { get; set; }
    /// <summary>
    /// The sum of the ids of the <see cref="EventCount"/> events computed; null until the customer is first
    /// computed in full. With the count it tells whether the stored aggregates still cover exactly the customer's
    /// analyzed events (none deleted, moved in or out, or edited since), so a refresh can fold in only new ones.
    /// </summary>
    public long? EventIdSum { get; set; }
    /// <summary>The purchase time the events were classified against (null: no purchase).</summary>
    public DateTimeOffset? PurchasedAt { get; set; }
    /// <summary>0-100; the sum of the drivers in <see cref="ExperienceJson"/>.</summary>
    public double ExperienceScore { get; set; }
    /// <summary>Score change over the history period (last point minus first).</summary>
    public double ScoreChange { get; set; }
    /// <summary>An open signal of high or critical severity, or an urgent message.</summary>
    public bool Priority { get; set; }
    public bool RepeatedProblem { get; set; }
    // Not named _experienceJson: EF would take a field of that name as the property's backing field.
    private StoredText _experienceText = new("");

    /// <summary>Drivers and history as JSON (<see cref="ExperienceResult"/>), read in one row by the agent query.</summary>
    [HotReadUtf8(nameof(ExperienceUtf8))]
    public required string ExperienceJson
    {
        get => _experienceText.Text;
        set => _experienceText.Set(value);
    }

    /// <summary>The JSON as stored, where a hot read set it: the agent query parses it from here, with no string in between.</summary>
    internal byte[] ExperienceUtf8
    {
        set => _experienceText.SetUtf8(value);
    }

    /// <summary>The stored computation, parsed.</summary>
    public ExperienceResult Experience() =>
        _experienceText.IsUtf8 ? ExperienceResult.FromJson(_experienceText.Utf8) : ExperienceResult.FromJson(_experienceText.Text);

    public DateTimeOffset ComputedAt { get; set; }
}
