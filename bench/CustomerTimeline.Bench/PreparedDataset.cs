using System.Text.Json;
using CustomerTimeline.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Bench;

/// <summary>
/// What the query phases need to know about a loaded dataset; written beside the SQLite file when --data keeps it,
/// so a later run with the same sizes can skip the minutes of loading and insights.
/// </summary>
internal sealed record PreparedDataset(int Events, int Customers, int Seed, int HeavyEvents, int LoadedCustomers, long HeavyCustomerId, int HeavyCount)
{
    /// <summary>
    /// The newest migration of the code that built it: a dataset of older code would be migrated when the API starts,
    /// and a data migration (text analyzed again, say) would recompute every customer while the phases measure.
    /// </summary>
    public string? Migration { get; init; }

    private const string FileName = "bench-dataset.json";

    public static async Task<PreparedDataset?> ReadAsync(BenchOptions options)
    {
        if (options.DataDirectory is not { } dir || !File.Exists(Path.Combine(dir, FileName))) return null;
        await using var stream = File.OpenRead(Path.Combine(dir, FileName));
        var found = await JsonSerializer.DeserializeAsync<PreparedDataset>(stream);
        if (found is null || found.Events != options.Events || found.Customers != options.Customers
            || found.Seed != options.Seed || found.HeavyEvents != options.HeavyEvents)
            throw new InvalidOperationException($"{dir} holds a dataset of other sizes; use another --data folder.");
        if (found.Migration == LatestMigration) return found;
        await stream.DisposeAsync();
        await Console.Out.WriteLineAsync($"{dir} holds a dataset built before migration {LatestMigration}: building it again.");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.EnumerateFiles(dir)) File.Delete(file);
        return null;
    }

    /// <summary>Read from the code's migrations once: the run compares it and later records it.</summary>
    public static string LatestMigration { get; } = ReadLatestMigration();

    private static string ReadLatestMigration()
    {
        using var db = new SqliteTimelineDbContext(
            new DbContextOptionsBuilder<SqliteTimelineDbContext>().UseSqlite("Data Source=:memory:").Options);
        return db.Database.GetMigrations().Last();
    }

    public async Task WriteAsync(BenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.DataDirectory is not { } dir) return;
        await using var stream = File.Create(Path.Combine(dir, FileName));
        await JsonSerializer.SerializeAsync(stream, this);
    }
}
