using System.Text.Json;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Journey;
using CustomerTimeline.Api.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Insights;

/// <summary>
/// The export's "insights": what the service derived about the person, which the right of access covers as much as
/// what it stored from the sources (profiling): the experience score with its drivers, history and band, the journey
/// stages reached, and every signal the automation rules raised, resolved ones included. Null before the customer's
/// first computation.
/// </summary>
internal sealed class InsightsExportSection(IOptions<ExperienceOptions> options) : ICustomerExportSection
{
    public string Name => "insights";

    public async Task WriteAsync(ExportWriter writer, TimelineDbContext db, long customerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(db);
        var summary = await db.CustomerSummaries().AsNoTracking().FirstOrDefaultAsync(s => s.CustomerId == customerId, cancellationToken);
        if (summary is null)
        {
            writer.Json.WriteNullValue();
            return;
        }
        var stages = await db.CustomerJourneyStages().AsNoTracking().Where(s => s.CustomerId == customerId)
            .OrderBy(s => s.FirstReachedAt).ThenBy(s => s.StageKey)
            .Select(s => new { s.StageKey, s.FirstReachedAt, s.LastReachedAt, s.DaysToReach, s.EventCount, NegativeEvents = s.NegativeCount })
            .ToListAsync(cancellationToken);
        var signals = await db.CustomerSignals().AsNoTracking().Where(s => s.CustomerId == customerId)
            .OrderBy(s => s.RaisedAt).ThenBy(s => s.Id)
            .Select(s => new
            {
                s.RuleId, s.Kind, s.Severity, s.Reason, s.RaisedAt, s.TriggeredAt, s.ResolvedAt,
                Action = s.ActionKind == null ? null : new { Kind = s.ActionKind, Title = s.ActionTitle, Priority = s.ActionPriority },
            })
            .ToListAsync(cancellationToken);
        var view = ExperienceView.From(summary, options.Value);
        JsonSerializer.Serialize(writer.Json, new
        {
            summary.ComputedAt,
            Experience = new
            {
                view.Result.Score,
                view.Band,
                Trend = view.Direction,
                view.Result.Change,
                summary.Priority,
                summary.RepeatedProblem,
                view.Result.RepeatedProblems,
                Drivers = view.Result.Drivers.Select(d => new { d.Key, d.Name, d.Weight, d.MaxPoints, d.Subscore, d.Contribution, d.Explanation }),
                History = view.Result.History,
            },
            Journey = new { summary.MapVersion, CurrentStage = summary.CurrentStageKey, summary.PurchasedAt, Stages = stages },
            Signals = signals,
        }, ExportJson.Options);
    }
}
