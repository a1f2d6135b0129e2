using System.Text.Json;
using CustomerTimeline.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Journey;

/// <summary>
/// Reads and replaces the versioned journey map. The active version is cached in memory and re-checked against
/// the database by the background worker, so requests never wait on the map.
/// </summary>
public sealed partial class JourneyMapStore(TimeProvider time, ReclassificationSignal signal, SqliteWriteGate writeGate, ILogger<JourneyMapStore> logger)
{
    private volatile ActiveJourneyMap? _current;

    /// <summary>The active map; available once the start-up seeding ran.</summary>
    public ActiveJourneyMap Current => _current ?? throw new InvalidOperationException("The journey map has not been loaded yet.");

    /// <summary>Stores the shipped default map as version 1 when the database has none, then loads the active one.</summary>
    public async Task<ActiveJourneyMap> EnsureSeededAsync(TimelineDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await db.JourneyMapVersions().AnyAsync(cancellationToken))
        {
            var map = DefaultJourneyMap.Load();
            var now = time.GetUtcNow();
            db.JourneyMapVersions().Add(new JourneyMapVersion { Version = 1, Name = map.Name, Json = map.ToJson(), CreatedAt = now, IsActive = true });
            db.JourneyReclassifications().Add(new JourneyReclassification { MapVersion = 1, StartedAt = now, UpdatedAt = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                LogSeeded(logger);
            }
            catch (DbUpdateException)
            {
                // Another instance seeded first: use theirs.
                db.ChangeTracker.Clear();
            }
        }
        return await RefreshAsync(db, cancellationToken);
    }

    /// <summary>Reloads the active version if another process changed it.</summary>
    public async Task<ActiveJourneyMap> RefreshAsync(TimelineDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var activeVersion = await db.JourneyMapVersions().Where(v => v.IsActive).Select(v => (int?)v.Version).MaxAsync(cancellationToken)
            ?? throw new InvalidOperationException("No active journey map version.");
        var cached = _current;
        if (cached is not null && cached.Version == activeVersion) return cached;
        var row = await db.JourneyMapVersions().AsNoTracking().SingleAsync(v => v.Version == activeVersion, cancellationToken);
        var definition = JourneyMapDefinition.Parse(row.Json);
        var loaded = new ActiveJourneyMap(row.Version, row.CreatedAt, definition, new JourneyClassifier(definition));
        _current = loaded;
        return loaded;
    }

    /// <summary>
    /// Validates and stores a new version, making it active in one transaction together with a fresh re-classification
    /// checkpoint. The same map as the active one changes nothing (idempotent).
    /// </summary>
    public async Task<JourneyMapUpdateResult> UpdateAsync(TimelineDbContext db, string json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var active = await RefreshAsync(db, cancellationToken);
        if (string.IsNullOrWhiteSpace(json)) return new(active, false, ["The map is empty."]);
        if (json.Length > 1_000_000) return new(active, false, ["The map is larger than 1 MB."]);

        JourneyMapDefinition map;
        try
        {
            map = JourneyMapDefinition.Parse(json);
        }
        catch (JsonException e)
        {
            return new(active, false, [JourneyMapJsonError.Describe(e)]);
        }
        var errors = JourneyMapValidator.Validate(map);
        if (errors.Count > 0) return new(active, false, errors);

        var normalized = map.ToJson();
        if (normalized == active.Definition.ToJson()) return new(active, false, []);

        var strategy = db.Database.CreateExecutionStrategy();
        bool stored;
        try
        {
            stored = await strategy.ExecuteAsync(async ct =>
            {
                db.ChangeTracker.Clear();
                using var turn = await writeGate.EnterAsync(db, ct);
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                // Checked again under the write lock: the same map sent twice at once is stored once.
                if (await ActiveEqualsAsync(db, normalized, ct)) return false;
                var now = time.GetUtcNow();
                var last = await db.JourneyMapVersions().MaxAsync(v => v.Version, ct);
                await db.JourneyMapVersions().Where(v => v.IsActive).ExecuteUpdateAsync(s => s.SetProperty(v => v.IsActive, false), ct);
                db.JourneyMapVersions().Add(new JourneyMapVersion { Version = last + 1, Name = map.Name, Json = normalized, CreatedAt = now, IsActive = true });
                db.JourneyReclassifications().Add(new JourneyReclassification { MapVersion = last + 1, StartedAt = now, UpdatedAt = now });
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return true;
            }, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A provider whose transactions do not serialize writers (SQL Server's read committed) lands here when
            // another call stored a version first: the same map is then simply not a change.
            db.ChangeTracker.Clear();
            var current = await RefreshAsync(db, cancellationToken);
            return current.Definition.ToJson() == normalized
                ? new(current, false, [])
                : new(current, false, ["The map was changed by someone else at the same time; read it again and retry."]);
        }
        db.ChangeTracker.Clear();
        var updated = await RefreshAsync(db, cancellationToken);
        if (!stored) return new(updated, false, []);
        LogUpdated(logger, updated.Version);
        signal.Wake();
        return new(updated, true, []);
    }

    private static async Task<bool> ActiveEqualsAsync(TimelineDbContext db, string normalized, CancellationToken ct)
    {
        var json = await db.JourneyMapVersions().Where(v => v.IsActive).OrderByDescending(v => v.Version)
            .Select(v => v.Json).FirstOrDefaultAsync(ct);
        return json is not null && (json == normalized || JourneyMapDefinition.Parse(json).ToJson() == normalized);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Journey map seeded from the default map as version 1")]
    private static partial void LogSeeded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Journey map version {Version} is now active; customers will be re-classified in the background")]
    private static partial void LogUpdated(ILogger logger, int version);
}
