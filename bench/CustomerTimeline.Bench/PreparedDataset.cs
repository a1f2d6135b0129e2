using System.Text.Json;

namespace CustomerTimeline.Bench;

/// <summary>
/// What the query phases need to know about a loaded dataset; written beside the SQLite file when --data keeps it,
/// so a later run with the same sizes can skip the minutes of loading and insights.
/// </summary>
internal sealed record PreparedDataset(int Events, int Customers, int Seed, int HeavyEvents, int LoadedCustomers, long HeavyCustomerId, int HeavyCount)
{
    private const string FileName = "bench-dataset.json";

    public static async Task<PreparedDataset?> ReadAsync(BenchOptions options)
    {
        if (options.DataDirectory is not { } dir || !File.Exists(Path.Combine(dir, FileName))) return null;
        await using var stream = File.OpenRead(Path.Combine(dir, FileName));
        var found = await JsonSerializer.DeserializeAsync<PreparedDataset>(stream);
        return found is not null && found.Events == options.Events && found.Customers == options.Customers
            && found.Seed == options.Seed && found.HeavyEvents == options.HeavyEvents
            ? found
            : throw new InvalidOperationException($"{dir} holds a dataset of other sizes; use another --data folder.");
    }

    public async Task WriteAsync(BenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.DataDirectory is not { } dir) return;
        await using var stream = File.Create(Path.Combine(dir, FileName));
        await JsonSerializer.SerializeAsync(stream, this);
    }
}
