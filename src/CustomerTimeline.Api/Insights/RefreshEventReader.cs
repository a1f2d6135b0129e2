using System.Data;
using System.Globalization;
using CustomerTimeline.Api.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using SQLitePCL;
using Columns = CustomerTimeline.Api.Data.RowReader.Columns;

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
            SqliteNative.Check(handle, raw.sqlite3_prepare_v2(handle, window is null ? sql.All : sql.Window, out var statement));
            using (statement)
            {
                SqliteNative.Check(handle, raw.sqlite3_bind_text(statement, raw.sqlite3_bind_parameter_index(statement, "@ids"),
                    "[" + string.Join(',', customerIds.Select(id => id.ToString(CultureInfo.InvariantCulture))) + "]"));
                if (window is { } w)
                {
                    SqliteNative.Check(handle, raw.sqlite3_bind_int64(statement, raw.sqlite3_bind_parameter_index(statement, "@from"), w.From.UtcTicks));
                    SqliteNative.Check(handle, raw.sqlite3_bind_int64(statement, raw.sqlite3_bind_parameter_index(statement, "@surveysFrom"), w.SurveysFrom.UtcTicks));
                    SqliteNative.Check(handle, raw.sqlite3_bind_text(statement, raw.sqlite3_bind_parameter_index(statement, "@ticket"), nameof(EventKind.Ticket)));
                    SqliteNative.Check(handle, raw.sqlite3_bind_text(statement, raw.sqlite3_bind_parameter_index(statement, "@survey"), nameof(EventKind.SurveyAnswer)));
                }
                var rows = new List<TimelineEvent>();
                int rc;
                while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
                {
                    if ((rows.Count & 1023) == 0) ct.ThrowIfCancellationRequested();
                    rows.Add(ReadRow(statement, whole: window is null));
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

    /// <summary>
    /// One row: every field (<paramref name="whole"/>, a customer computed in full, whose every event is analyzed again),
    /// or what an incremental refresh's window reads.
    /// </summary>
    private static TimelineEvent ReadRow(sqlite3_stmt s, bool whole)
    {
        var kind = Enum<EventKind>(s, Kind);
        var intents = Shared(s, Intents);
        var e = new TimelineEvent
        {
            Id = Columns.Int64(s, Id),
            CustomerId = Columns.Int64(s, CustomerId),
            Source = Enum<EventSource>(s, Source),
            // In the window, ticket messages name their ticket by its record id; no one else's is read.
            SourceRecordId = whole || kind == EventKind.Ticket ? Columns.Text(s, SourceRecordId) : "",
            Kind = kind,
            OccurredAt = new DateTimeOffset(Columns.Int64(s, OccurredAt), TimeSpan.Zero),
            Channel = Enum<Channel>(s, Channel),
            // New events are analyzed from their title too.
            Title = whole || intents is null ? Columns.Text(s, Title) : "",
            Summary = whole && !Columns.IsNull(s, Summary) ? Columns.Text(s, Summary) : null,
            Sentiment = Columns.IsNull(s, Sentiment) ? null : Columns.Double(s, Sentiment),
            Urgent = Columns.Boolean(s, Urgent),
            Intents = intents,
            StageKey = Shared(s, StageKey),
            TouchpointKey = Shared(s, TouchpointKey),
            SourceUpdatedAt = new DateTimeOffset(Columns.Int64(s, SourceUpdatedAt), TimeSpan.Zero),
            Details = "",
        };
        // In the window the score and the rules read tickets, their messages and survey answers; events analyzed
        // now (new ones, or all of a full computation) are analyzed from theirs, free text included.
        var analyzedNow = whole || intents is null;
        if (analyzedNow || kind is EventKind.Ticket or EventKind.TicketMessage or EventKind.SurveyAnswer)
        {
            var json = raw.sqlite3_column_blob(s, Details);
            if (!json.IsEmpty) e.UseParsedDetails(EventDetails.FromJson(json), keepFreeText: analyzedNow);
        }
        return e;
    }

    /// <summary>An enum stored by name (EF's string conversion), matched without making a string of it.</summary>
    private static TEnum Enum<TEnum>(sqlite3_stmt s, int ordinal) where TEnum : struct, Enum =>
        Columns.EnumByName<TEnum>(s, ordinal, System.Enum.Parse<TEnum>);

    /// <summary>One string per distinct value (keys and intent lists repeat across thousands of rows): the hot reads' shared values.</summary>
    private static string? Shared(sqlite3_stmt s, int ordinal) => Columns.IsNull(s, ordinal) ? null : Columns.Shared(s, ordinal);

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
