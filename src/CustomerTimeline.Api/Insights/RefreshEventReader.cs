using System.Data;
using System.Globalization;
using System.Text;
using CustomerTimeline.Api.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using SQLitePCL;

namespace CustomerTimeline.Api.Insights;

/// <summary>
/// Reads the events an insights refresh computes from straight from SQLite, on the context's connection and so in its
/// transaction: an incremental refresh's window (see <c>CustomerInsights.LoadRecentAsync</c>), or every event of the
/// customers computed in full. A large customer's window is thousands of rows: through EF's materializer each row
/// cost ~1.2 KB of garbage (its enum names, keys and details JSON as .NET strings, the JSON then parsed from them).
/// Here the details are parsed from the stored UTF-8, enum names are matched without a string, and the few distinct
/// stage, touchpoint and intent values are looked up instead of copied per row. The rows come in (customer, time, id)
/// order and are the ones EF gives (its window projection; every event, untracked); tests compare them field by field.
/// </summary>
internal static class RefreshEventReader
{
    private static Compiled? _compiled;

    /// <summary>An incremental refresh's window: only the fields the score, the rules and the analysis of new events read.</summary>
    public static List<TimelineEvent> ReadWindow(TimelineDbContext db, IReadOnlyCollection<long> customerIds, RecentWindow window, CancellationToken ct) =>
        Read(db, customerIds, window, ct);

    /// <summary>Every event of these customers, every field (their details parsed, the JSON let go: nothing writes it back).</summary>
    public static List<TimelineEvent> ReadAll(TimelineDbContext db, IReadOnlyCollection<long> customerIds, CancellationToken ct) =>
        Read(db, customerIds, window: null, ct);

    private static List<TimelineEvent> Read(TimelineDbContext db, IReadOnlyCollection<long> customerIds, RecentWindow? window, CancellationToken ct)
    {
        var sql = For(db.Model);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened) db.Database.OpenConnection();
        try
        {
            var handle = connection.Handle!;
            Check(handle, raw.sqlite3_prepare_v2(handle, window is null ? sql.All : sql.Window, out var statement));
            using (statement)
            {
                Check(handle, raw.sqlite3_bind_text(statement, raw.sqlite3_bind_parameter_index(statement, "@ids"),
                    "[" + string.Join(',', customerIds.Select(id => id.ToString(CultureInfo.InvariantCulture))) + "]"));
                if (window is { } w)
                {
                    Check(handle, raw.sqlite3_bind_int64(statement, raw.sqlite3_bind_parameter_index(statement, "@from"), w.From.UtcTicks));
                    Check(handle, raw.sqlite3_bind_int64(statement, raw.sqlite3_bind_parameter_index(statement, "@surveysFrom"), w.SurveysFrom.UtcTicks));
                    Check(handle, raw.sqlite3_bind_text(statement, raw.sqlite3_bind_parameter_index(statement, "@ticket"), nameof(EventKind.Ticket)));
                    Check(handle, raw.sqlite3_bind_text(statement, raw.sqlite3_bind_parameter_index(statement, "@survey"), nameof(EventKind.SurveyAnswer)));
                }
                var shared = new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
                var rows = new List<TimelineEvent>();
                int rc;
                while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
                {
                    if ((rows.Count & 1023) == 0) ct.ThrowIfCancellationRequested();
                    rows.Add(window is null ? ReadWhole(statement, shared) : ReadForWindow(statement, shared));
                }
                if (rc != raw.SQLITE_DONE) throw SqliteNative.Error(handle, rc);
                return rows;
            }
        }
        finally
        {
            if (opened) db.Database.CloseConnection();
        }
    }

    // Column ordinals of the statement below.
    private const int Id = 0, CustomerId = 1, Source = 2, SourceRecordId = 3, Kind = 4, OccurredAt = 5, Channel = 6, Title = 7,
        Sentiment = 8, Urgent = 9, Intents = 10, StageKey = 11, TouchpointKey = 12, SourceUpdatedAt = 13, Details = 14, Summary = 15;

    private static TimelineEvent ReadWhole(sqlite3_stmt s, Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> shared)
    {
        var e = new TimelineEvent
        {
            Id = raw.sqlite3_column_int64(s, Id),
            CustomerId = raw.sqlite3_column_int64(s, CustomerId),
            Source = Enum<EventSource>(s, Source),
            SourceRecordId = raw.sqlite3_column_text(s, SourceRecordId).utf8_to_string(),
            Kind = Enum<EventKind>(s, Kind),
            OccurredAt = new DateTimeOffset(raw.sqlite3_column_int64(s, OccurredAt), TimeSpan.Zero),
            Channel = Enum<Channel>(s, Channel),
            Title = raw.sqlite3_column_text(s, Title).utf8_to_string(),
            Summary = IsNull(s, Summary) ? null : raw.sqlite3_column_text(s, Summary).utf8_to_string(),
            Sentiment = IsNull(s, Sentiment) ? null : raw.sqlite3_column_double(s, Sentiment),
            Urgent = raw.sqlite3_column_int64(s, Urgent) != 0,
            Intents = Shared(s, Intents, shared),
            StageKey = Shared(s, StageKey, shared),
            TouchpointKey = Shared(s, TouchpointKey, shared),
            SourceUpdatedAt = new DateTimeOffset(raw.sqlite3_column_int64(s, SourceUpdatedAt), TimeSpan.Zero),
            Details = "",
        };
        var json = raw.sqlite3_column_blob(s, Details);
        // Every event is analyzed again here: its free text is kept.
        if (!json.IsEmpty) e.UseParsedDetails(EventDetails.FromJson(json), keepFreeText: true);
        return e;
    }

    private static TimelineEvent ReadForWindow(sqlite3_stmt s, Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> shared)
    {
        var kind = Enum<EventKind>(s, Kind);
        var intents = Shared(s, Intents, shared);
        var e = new TimelineEvent
        {
            Id = raw.sqlite3_column_int64(s, Id),
            CustomerId = raw.sqlite3_column_int64(s, CustomerId),
            Source = Enum<EventSource>(s, Source),
            // Ticket messages name their ticket by its record id; no one else's is read.
            SourceRecordId = kind == EventKind.Ticket ? raw.sqlite3_column_text(s, SourceRecordId).utf8_to_string() : "",
            Kind = kind,
            OccurredAt = new DateTimeOffset(raw.sqlite3_column_int64(s, OccurredAt), TimeSpan.Zero),
            Channel = Enum<Channel>(s, Channel),
            // New events are analyzed from their title too.
            Title = intents is null ? raw.sqlite3_column_text(s, Title).utf8_to_string() : "",
            Summary = null,
            Sentiment = IsNull(s, Sentiment) ? null : raw.sqlite3_column_double(s, Sentiment),
            Urgent = raw.sqlite3_column_int64(s, Urgent) != 0,
            Intents = intents,
            StageKey = Shared(s, StageKey, shared),
            TouchpointKey = Shared(s, TouchpointKey, shared),
            SourceUpdatedAt = new DateTimeOffset(raw.sqlite3_column_int64(s, SourceUpdatedAt), TimeSpan.Zero),
            Details = "",
        };
        // The score and the rules read tickets, their messages and survey answers; new events are analyzed from theirs.
        if (intents is null || kind is EventKind.Ticket or EventKind.TicketMessage or EventKind.SurveyAnswer)
        {
            var json = raw.sqlite3_column_blob(s, Details);
            if (!json.IsEmpty) e.UseParsedDetails(EventDetails.FromJson(json), keepFreeText: intents is null);
        }
        return e;
    }

    private static bool IsNull(sqlite3_stmt s, int ordinal) => raw.sqlite3_column_type(s, ordinal) == raw.SQLITE_NULL;

    /// <summary>An enum stored by name (EF's string conversion), matched without making a string of it.</summary>
    private static TEnum Enum<TEnum>(sqlite3_stmt s, int ordinal) where TEnum : struct, Enum
    {
        Span<char> name = stackalloc char[64];
        var utf8 = raw.sqlite3_column_blob(s, ordinal);
        return utf8.Length <= name.Length && System.Enum.TryParse<TEnum>(name[..Encoding.UTF8.GetChars(utf8, name)], out var value)
            ? value
            : System.Enum.Parse<TEnum>(Encoding.UTF8.GetString(utf8));
    }

    /// <summary>One string per distinct value of the read (keys and intent lists repeat across thousands of rows).</summary>
    private static string? Shared(sqlite3_stmt s, int ordinal, Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> shared)
    {
        if (IsNull(s, ordinal)) return null;
        var utf8 = raw.sqlite3_column_blob(s, ordinal);
        Span<char> buffer = stackalloc char[256];
        if (utf8.Length > buffer.Length) return Encoding.UTF8.GetString(utf8);
        var chars = buffer[..Encoding.UTF8.GetChars(utf8, buffer)];
        if (shared.TryGetValue(chars, out var same)) return same;
        var value = chars.ToString();
        shared[value] = value;
        return value;
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK) throw SqliteNative.Error(db, rc);
    }

    /// <summary>The statements' SQL, column names and table from EF's model.</summary>
    private static Compiled For(IModel model)
    {
        if (Volatile.Read(ref _compiled) is { } compiled && ReferenceEquals(compiled.Model, model)) return compiled;
        var entity = model.FindEntityType(typeof(TimelineEvent))!;
        string C(string property) => "\"" + entity.FindProperty(property)!.GetColumnName() + "\"";
        var columns = string.Join(", ", new[]
        {
            nameof(TimelineEvent.Id), nameof(TimelineEvent.CustomerId), nameof(TimelineEvent.Source), nameof(TimelineEvent.SourceRecordId),
            nameof(TimelineEvent.Kind), nameof(TimelineEvent.OccurredAt), nameof(TimelineEvent.Channel), nameof(TimelineEvent.Title),
            nameof(TimelineEvent.Sentiment), nameof(TimelineEvent.Urgent), nameof(TimelineEvent.Intents), nameof(TimelineEvent.StageKey),
            nameof(TimelineEvent.TouchpointKey), nameof(TimelineEvent.SourceUpdatedAt), nameof(TimelineEvent.Details), nameof(TimelineEvent.Summary),
        }.Select(C));
        var from = $"SELECT {columns} FROM \"{entity.GetTableName()}\" WHERE {C(nameof(TimelineEvent.CustomerId))} IN (SELECT value FROM json_each(@ids)) ";
        // The (customer, time, id) index gives this order without a sort.
        var order = $"ORDER BY {C(nameof(TimelineEvent.CustomerId))}, {C(nameof(TimelineEvent.OccurredAt))}, {C(nameof(TimelineEvent.Id))}";
        compiled = new Compiled(model,
            from + $"AND ({C(nameof(TimelineEvent.OccurredAt))} >= @from OR ({C(nameof(TimelineEvent.Kind))} = @survey AND {C(nameof(TimelineEvent.OccurredAt))} >= @surveysFrom) " +
                $"OR {C(nameof(TimelineEvent.Kind))} = @ticket OR {C(nameof(TimelineEvent.Intents))} IS NULL) " + order,
            from + order);
        Volatile.Write(ref _compiled, compiled);
        return compiled;
    }

    private sealed record Compiled(IModel Model, string Window, string All);
}
