using System.Globalization;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Tests.Generator;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Tests.Data;

/// <summary>The prepared row statements step through SQLite's own API: what they store must be what EF stores.</summary>
public sealed class RowCommandTests
{
    // Empty text (not NULL), non-Latin text, an unpaired surrogate (stored as .NET's UTF-8 encoder writes it), null.
    private const string Unpaired = "broken \ud800 text";

    [Fact]
    public async Task A_row_written_by_the_prepared_statement_is_stored_byte_for_byte_as_EF_stores_it()
    {
        using var file = new TempSqliteDatabase();
        await using var db = file.CreateContext();
        var byEf = NewCustomer();
        db.Customers.Add(byEf);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        var byStatement = NewCustomer();
        await db.Database.OpenConnectionAsync();
        using (var insert = RowCommand.Insert(db, typeof(Customer), includeKey: false, returnKey: true))
            byStatement.Id = await insert.InsertAsync(byStatement, CancellationToken.None);

        (await RowAsync(db, "Customers", byStatement.Id)).ShouldBe(await RowAsync(db, "Customers", byEf.Id));

        var eventByEf = NewEvent(byEf.Id, "by-ef");
        db.Events.Add(eventByEf);
        await db.SaveChangesAsync();
        var eventByStatement = NewEvent(byEf.Id, "by-statement");
        using (var insert = RowCommand.Insert(db, typeof(TimelineEvent), includeKey: false, returnKey: true))
            eventByStatement.Id = await insert.InsertAsync(eventByStatement, CancellationToken.None);

        var stored = await RowAsync(db, "Events", eventByStatement.Id, except: "SourceRecordId");
        stored.ShouldBe(await RowAsync(db, "Events", eventByEf.Id, except: "SourceRecordId"));
        stored.ShouldContain("Title='':text", customMessage: "empty text stays text");
        stored.ShouldContain("Summary='':null");
        db.ChangeTracker.Clear();
        var readBack = await db.Events.SingleAsync(e => e.Id == eventByStatement.Id);
        readBack.Title.ShouldBe("");
        readBack.Details.ShouldBe((await db.Events.SingleAsync(e => e.Id == eventByEf.Id)).Details);
    }

    [Fact]
    public async Task A_unique_clash_on_the_prepared_statement_is_a_DbUpdateException_as_from_SaveChanges()
    {
        using var file = new TempSqliteDatabase();
        await using var db = file.CreateContext();
        var customer = NewCustomer();
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        await db.Database.OpenConnectionAsync();
        using var insert = RowCommand.Insert(db, typeof(TimelineEvent), includeKey: false, returnKey: true);
        await insert.InsertAsync(NewEvent(customer.Id, "same"), CancellationToken.None);

        var clash = await Should.ThrowAsync<DbUpdateException>(() => insert.InsertAsync(NewEvent(customer.Id, "same"), CancellationToken.None));

        clash.InnerException.ShouldBeOfType<SqliteException>().SqliteErrorCode.ShouldBe(19); // SQLITE_CONSTRAINT
        // The statement is usable again after the failure.
        (await insert.InsertAsync(NewEvent(customer.Id, "other"), CancellationToken.None)).ShouldBeGreaterThan(0);
        (await db.Events.CountAsync()).ShouldBe(2);
    }

    private static Customer NewCustomer()
    {
        var at = new DateTimeOffset(2026, 3, 1, 9, 30, 15, 123, TimeSpan.FromHours(2)).AddTicks(4567);
        return new Customer
        {
            DisplayName = "Zoë Ärger 李雷 " + Unpaired,
            PrimaryEmail = "zoe@example.com",
            Phone = null,
            Company = "",
            CreatedAt = at,
            UpdatedAt = at.AddDays(1),
            IsAnonymous = true,
            ProfileUpdatedAt = null,
            SearchText = "zoë ärger",
        };
    }

    private static TimelineEvent NewEvent(long customerId, string recordId) => new()
    {
        CustomerId = customerId,
        Source = EventSource.Zendesk,
        SourceRecordId = recordId,
        Kind = EventKind.TicketMessage,
        OccurredAt = new DateTimeOffset(2026, 3, 2, 23, 59, 59, TimeSpan.FromHours(-5)),
        Channel = Channel.Email,
        Title = "",
        Summary = null,
        Sentiment = -0.1234,
        Urgent = true,
        Intents = "cancel,refund",
        StageKey = "support",
        TouchpointKey = null,
        SourceUpdatedAt = DateTimeOffset.MaxValue,
        Details = "{\"author\":\"customer\",\"body\":\"Ça ne marche plus 😀 " + Unpaired + "\"}",
    };

    /// <summary>Every column but the key (and <paramref name="except"/>) as SQLite quotes it: type and bytes.</summary>
    private static async Task<string> RowAsync(TimelineDbContext db, string table, long id, string? except = null)
    {
        var connection = db.Database.GetDbConnection();
        var columns = new List<string>();
        await using (var info = connection.CreateCommand())
        {
            info.CommandText = $"SELECT name FROM pragma_table_info('{table}') WHERE name NOT IN ('Id', '{except}')";
            await using var reader = await info.ExecuteReaderAsync();
            while (await reader.ReadAsync()) columns.Add(reader.GetString(0));
        }
        await using var select = connection.CreateCommand();
#pragma warning disable CA2100 // Names come from the table's own schema.
        select.CommandText = $"SELECT {string.Join(" || ' ' || ", columns.Select(c => $"'{c}=' || quote(hex(\"{c}\")) || ':' || typeof(\"{c}\")"))} FROM \"{table}\" WHERE Id = {id.ToString(CultureInfo.InvariantCulture)}";
#pragma warning restore CA2100
        var row = (string)(await select.ExecuteScalarAsync())!;
        return row;
    }
}
