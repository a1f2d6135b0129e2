using System.Text.Json;
using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Connectors.Dataverse;

internal static class DataverseApiExtensions
{
    /// <summary>
    /// One page of a query, its failures translated for the sync engine; a page without its <c>value</c> array is a
    /// malformed answer, not an empty one.
    /// </summary>
    public static async Task<(IReadOnlyList<JsonElement> Rows, string? NextLink)> PageAsync(this IDataverseApi api, TimeProvider time,
        string entitySet, IDictionary<string, string> query, string prefer, CancellationToken cancellationToken)
    {
        var page = await SourceCall.RunAsync(EventSource.Dataverse, time, ct => api.QueryAsync(entitySet, query, prefer, ct), cancellationToken)
            .ConfigureAwait(false);
        return page.Value is { } rows
            ? (rows, page.NextLink)
            : throw new SourceUnavailableException(EventSource.Dataverse, SourceFailure.MalformedResponse, $"the {entitySet} page has no 'value' array.");
    }
}
