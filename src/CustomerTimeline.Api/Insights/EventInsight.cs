using CustomerTimeline.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CustomerTimeline.Api.Insights;

/// <summary>The columns of an event that the insights refresh computes (text analysis and journey placement).</summary>
internal readonly record struct EventInsight(double? Sentiment, bool Urgent, string? Intents, string? StageKey, string? TouchpointKey)
{
    private static readonly string[] Columns =
    [
        nameof(TimelineEvent.Sentiment), nameof(TimelineEvent.Urgent), nameof(TimelineEvent.Intents),
        nameof(TimelineEvent.StageKey), nameof(TimelineEvent.TouchpointKey),
    ];

    public static EventInsight Of(TimelineEvent e) => new(e.Sentiment, e.Urgent, e.Intents, e.StageKey, e.TouchpointKey);

    /// <summary>The events the caller's context tracks (the page being written), by id; read without a DetectChanges pass.</summary>
    public static Dictionary<long, EntityEntry<TimelineEvent>> Tracked(TimelineDbContext db)
    {
        var auto = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return db.ChangeTracker.Entries<TimelineEvent>().Where(e => e.State != EntityState.Detached).ToDictionary(e => e.Entity.Id);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = auto;
        }
    }

    /// <summary>
    /// Gets an untracked event's computed columns written by the next SaveChanges. When the caller's context
    /// already tracks that row (the page being written), the values go onto its instance instead. Returns the
    /// entry this attached, for the caller to detach afterwards.
    /// </summary>
    public static IEnumerable<EntityEntry> MarkChanged(TimelineDbContext db, IReadOnlyDictionary<long, EntityEntry<TimelineEvent>> trackedEvents, TimelineEvent e)
    {
        if (trackedEvents.TryGetValue(e.Id, out var tracked))
        {
            var own = tracked.Entity;
            (own.Sentiment, own.Urgent, own.Intents, own.StageKey, own.TouchpointKey) = (e.Sentiment, e.Urgent, e.Intents, e.StageKey, e.TouchpointKey);
            return [];
        }
        var entry = db.Events.Attach(e);
        // By name: the lambda overloads build an expression tree per call, on a path run for every changed event.
        foreach (var name in Columns) entry.Property(name).IsModified = true;
        return [entry];
    }
}
