using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.GraphQLServer;
using GraphQL.DataLoader;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Timeline;

/// <summary>
/// Events by database id, one query per level of the GraphQL tree. Events a timeline page of the same request
/// already read are answered from it: the agent context's evidence events are mostly among the latest ones.
/// </summary>
public sealed class EventByIdLoader
{
    private static readonly Func<TimelineDbContext, long, CancellationToken, Task<TimelineEvent?>> One =
        EF.CompileAsyncQuery((TimelineDbContext db, long id, CancellationToken ct) => db.Events.FirstOrDefault(e => e.Id == id));

    internal static readonly HotQuery<TimelineEvent> HotOne = new("WHERE \"Id\" = @p0 LIMIT 1", 1);

    private readonly BatchLoader<long, TimelineEvent?> _loader;

    public EventByIdLoader(TimelineDbContext db, SqliteReadPool hot)
    {
        _loader = new BatchLoader<long, TimelineEvent?>(async (ids, ct) =>
            await db.Events.Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => (TimelineEvent?)e, ct),
            missing: null,
            fetchOne: (id, ct) => hot.Enabled ? Task.FromResult(hot.First(db, HotOne, ct, id)) : One(db, id, ct));
    }

    public IDataLoaderResult<TimelineEvent?> Load(long id) => _loader.Load(id);

    /// <summary>Events this request read some other way (a timeline page): later loads of them skip the database.</summary>
    public void Prime(IEnumerable<TimelineEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events) _loader.Prime(e.Id, e);
    }
}
