using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.GraphQLServer;
using CustomerTimeline.Api.Insights;
using CustomerTimeline.Api.Journey;

namespace CustomerTimeline.Api.Customers;

/// <summary>
/// A segment of customers by their computed insights, for dashboards and work queues: where they are in the journey,
/// how they feel, what needs attention. Conditions combine with AND; a customer not computed yet matches none.
/// </summary>
public sealed class CustomerFilter
{
    /// <summary>Current journey stage key (journeyMap.stages.key).</summary>
    public string? Stage { get; set; }

    public ScoreBand? ScoreBand { get; set; }

    /// <summary>An open high or critical signal, or an urgent message (Experience.priority).</summary>
    public bool? Priority { get; set; }

    /// <summary>Repeated contacts about one problem in a short window (Experience.repeatedProblem).</summary>
    public bool? RepeatedProblem { get; set; }

    /// <summary>An open signal of this kind (Signal.kind: detractor, promoter, stall...).</summary>
    public string? Signal { get; set; }

    /// <summary>Whether a condition reads the summaries (all but <see cref="Signal"/>).</summary>
    private bool OnSummaries => Stage is not null || ScoreBand is not null || Priority is not null || RepeatedProblem is not null;

    /// <param name="stages">The active journey map's stages by key: another key (a typo, a stage of an older map) is refused.</param>
    /// <param name="signals">The signal kinds the automation rules raise: another kind is refused likewise.</param>
    public static CustomerFilter? Validate(CustomerFilter? filter, IReadOnlyDictionary<string, int> stages, IReadOnlyList<string> signals)
    {
        ArgumentNullException.ThrowIfNull(stages);
        ArgumentNullException.ThrowIfNull(signals);
        if (filter is null || (!filter.OnSummaries && filter.Signal is null)) return null;
        if (filter.Signal is { } kind && !signals.Contains(kind, StringComparer.Ordinal))
        {
            throw new UserInputError(
                $"'filter.signal' is '{UserInputError.Excerpt(kind)}', which no automation rule raises: one of {string.Join(", ", signals)}.");
        }
        if (filter.Stage is { } stage && !stages.ContainsKey(stage))
            throw UnknownStageError.Of("'filter.stage' is", stage, stages);
        return filter;
    }

    public IQueryable<Customer> Apply(
        IQueryable<Customer> customers, IQueryable<CustomerSummary> summaries, IQueryable<CustomerSignal> signals, ExperienceOptions experience)
    {
        if (Signal is { } kind)
        {
            var raised = signals.Where(s => s.Kind == kind && s.ResolvedAt == null).Select(s => s.CustomerId);
            customers = customers.Where(c => raised.Contains(c.Id));
        }
        if (!OnSummaries) return customers;
        if (Stage is { } stage) summaries = summaries.Where(s => s.CurrentStageKey == stage);
        if (ScoreBand is { } band) summaries = summaries.InBand(band, experience);
        if (Priority is { } priority) summaries = summaries.Where(s => s.Priority == priority);
        if (RepeatedProblem is { } repeated) summaries = summaries.Where(s => s.RepeatedProblem == repeated);
        var ids = summaries.Select(s => s.CustomerId);
        return customers.Where(c => ids.Contains(c.Id));
    }
}
