using Refit;

namespace CustomerTimeline.Api.Connectors.Matomo;

/// <summary>
/// Matomo's Reporting API: one endpoint, the method in the parameters. Parameters travel as a form body so
/// token_auth stays out of URLs. The body is read raw (a stream the connector parses): Matomo answers a JSON array of
/// visits, or a JSON object <c>{"result":"error","message":...}</c> with status 200 when the call is refused.
/// </summary>
[Headers("Accept: application/json")]
public interface IMatomoApi
{
    [Post("/index.php")]
    Task<Stream> CallAsync([Body(BodySerializationMethod.UrlEncoded)] IDictionary<string, string> form, CancellationToken cancellationToken);
}
