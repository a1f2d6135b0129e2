namespace CustomerTimeline.Api.Connectors;

/// <summary>Why a source could not deliver a page; the sync engine records it as the run's last error.</summary>
public enum SourceFailure
{
    /// <summary>Connection refused or reset, DNS failure: the vendor could not be reached.</summary>
    Unreachable,

    /// <summary>An attempt or the whole call ran past its configured timeout.</summary>
    Timeout,

    /// <summary>The vendor answered with an error status after the retries were spent.</summary>
    HttpError,

    /// <summary>401/403: the configured credentials were refused. Retrying will not help.</summary>
    AuthenticationFailed,

    /// <summary>The circuit breaker is open after repeated failures; calls fail fast until it half-opens.</summary>
    CircuitOpen,

    /// <summary>A 200 whose body is not the JSON the vendor documents.</summary>
    MalformedResponse,
}
