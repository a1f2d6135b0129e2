using Microsoft.EntityFrameworkCore.Migrations;

namespace CustomerTimeline.Api.Data.Migrations;

/// <summary>
/// After a connector learns to read more of a record, its streams start again from where a first sync starts: each
/// record comes back at the version already stored, and the page writer corrects the events it now maps differently
/// (the rest are replays). Only the cursor goes; counts, last success and freshness stay.
/// </summary>
internal static class StreamReread
{
    public static void Schedule(MigrationBuilder migrationBuilder, EventSource source, params string[] streams)
    {
        var names = string.Join(", ", streams.Select(s => $"'{s}'"));
        // "Cursor" is a reserved word in T-SQL: quoted for both providers.
        migrationBuilder.Sql($"""
            UPDATE "SyncStates" SET "Cursor" = NULL
            WHERE "Source" = '{source}' AND "Stream" IN ({names});
            """);
    }
}
