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
    /// When the caller's context already tracks this row (the page being written), puts the computed values onto
    /// its instance, for the caller's SaveChanges, and returns true; otherwise the caller writes them itself.
    /// </summary>
    public static bool TryCopyToTracked(IReadOnlyDictionary<long, EntityEntry<TimelineEvent>> trackedEvents, TimelineEvent e)
    {
        if (!trackedEvents.TryGetValue(e.Id, out var tracked)) return false;
        var own = tracked.Entity;
        (own.Sentiment, own.Urgent, own.Intents, own.StageKey, own.TouchpointKey) = (e.Sentiment, e.Urgent, e.Intents, e.StageKey, e.TouchpointKey);
        return true;
    }

    /// <summary>UPDATE of an event's computed columns by id, prepared once for all the changed events of a refresh.</summary>
    public static RowCommand UpdateCommand(TimelineDbContext db) => RowCommand.Update(db, typeof(TimelineEvent), Columns);
}
