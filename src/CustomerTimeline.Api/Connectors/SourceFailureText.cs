namespace CustomerTimeline.Api.Connectors;

/// <summary>
/// The words for a kind of <see cref="SourceFailure"/>, with the HTTP status where there is one. They carry no data, so
/// both the exception a call throws and a stream's recorded last error say them.
/// </summary>
internal static class SourceFailureText
{
    public static string Describe(SourceFailure failure, int? status = null) => (failure, status) switch
    {
        (SourceFailure.AuthenticationFailed, { } code) => $"the credentials were refused (HTTP {code})",
        (SourceFailure.AuthenticationFailed, null) => "the credentials were refused",
        (SourceFailure.HttpError, { } code) => $"HTTP {code} after retries",
        (SourceFailure.HttpError, null) => "an error status after retries",
        (SourceFailure.CircuitOpen, _) => "the circuit breaker is open after repeated failures",
        (SourceFailure.Timeout, _) => "timed out",
        (SourceFailure.MalformedResponse, _) => "the response is not the documented JSON",
        (SourceFailure.Unreachable, _) => "the vendor could not be reached",
        var (other, _) => other.ToString(),
    };
}
