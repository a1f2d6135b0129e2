using Refit;

namespace CustomerTimeline.Api.Connectors.Typeform;

/// <summary>
/// Typeform Responses API. <c>after</c> (a response token, exclusive) orders responses as Typeform processed
/// them and cannot be combined with <c>sort</c>; only the first call of a form sorts, by submitted_at ascending.
/// </summary>
[Headers("Accept: application/json")]
public interface ITypeformApi
{
    [Get("/forms/{formId}/responses")]
    Task<TypeformResponsePage> ListResponsesAsync(
        string formId,
        [AliasAs("page_size")] int pageSize,
        [AliasAs("since")] string? since,
        [AliasAs("after")] string? after,
        [AliasAs("sort")] string? sort,
        [AliasAs("response_type")] string responseType,
        CancellationToken cancellationToken);
}
