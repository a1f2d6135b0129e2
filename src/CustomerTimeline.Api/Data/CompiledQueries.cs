namespace CustomerTimeline.Api.Data;

/// <summary>Helpers for EF compiled queries (the single-customer reads of the agent console where hot reads are off).</summary>
public static class CompiledQueries
{
    public static async Task<List<T>> ListAsync<T>(IAsyncEnumerable<T> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = new List<T>();
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false)) list.Add(row);
        return list;
    }
}
