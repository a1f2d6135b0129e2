using CustomerTimeline.Api.Connectors;
using CustomerTimeline.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Health;

/// <summary>
/// Degraded when a configured source has not synced successfully within Health:SourceFreshness: the API still
/// answers, but agents would see stale context, which is what operators need to know.
/// </summary>
internal sealed class SourceFreshnessHealthCheck(
    TimelineDbContext db, IEnumerable<ISourceConnector> connectors, IOptions<HealthOptions> options, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var configured = connectors.Where(c => c.IsConfigured).Select(c => c.Source).Distinct().ToList();
        if (configured.Count == 0) return HealthCheckResult.Healthy("No source is configured.");

        var lastSuccess = await db.SyncStates
            .Where(s => configured.Contains(s.Source))
            .Select(s => new { s.Source, s.LastSuccessAt })
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var data = new Dictionary<string, object>();
        var stale = new List<string>();
        foreach (var source in configured)
        {
            var successes = lastSuccess.Where(s => s.Source == source).Select(s => s.LastSuccessAt).ToList();
            // A source is as fresh as its stalest stream.
            var freshest = successes.Count == 0 || successes.Any(s => s is null) ? (DateTimeOffset?)null : successes.Min();
            data[source.ToString()] = freshest?.ToString("O") ?? "never";
            if (freshest is null || now - freshest > options.Value.SourceFreshness) stale.Add(source.ToString());
        }
        return stale.Count == 0
            ? HealthCheckResult.Healthy("Every configured source is fresh.", data)
            : HealthCheckResult.Degraded($"Stale sources: {string.Join(", ", stale)}.", data: data);
    }
}
