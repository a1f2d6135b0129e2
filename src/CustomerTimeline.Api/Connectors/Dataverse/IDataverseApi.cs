using Refit;

namespace CustomerTimeline.Api.Connectors.Dataverse;

/// <summary>
/// Dataverse Web API (OData v4) queries. One method serves first pages (our $select/$filter/$orderby) and
/// continuations (the query options parsed back out of a same-origin <c>@odata.nextLink</c>).
/// </summary>
[Headers("Accept: application/json", "OData-MaxVersion: 4.0", "OData-Version: 4.0")]
public interface IDataverseApi
{
    [Get("/api/data/v9.2/{entitySet}")]
    Task<DataversePage> QueryAsync(
        string entitySet,
        [Query] IDictionary<string, string> query,
        [Header("Prefer")] string prefer,
        CancellationToken cancellationToken);

    /// <summary>
    /// One row by id, answered rather than thrown: the deletion sweep tells a row that does not exist (404,
    /// <c>0x80040217</c>) from one the application user may not read (403).
    /// </summary>
    [Get("/api/data/v9.2/{entitySet}({id})")]
    Task<IApiResponse> RetrieveAsync(
        string entitySet,
        Guid id,
        [AliasAs("$select")] string columns,
        CancellationToken cancellationToken);
}
