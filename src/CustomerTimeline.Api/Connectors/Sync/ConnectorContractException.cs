namespace CustomerTimeline.Api.Connectors.Sync;

/// <summary>A connector broke the <see cref="ISourceConnector"/> contract (e.g. no progress before the end of a stream).</summary>
public sealed class ConnectorContractException : Exception
{
    public ConnectorContractException() : base("The connector broke its contract.") { }

    public ConnectorContractException(string message) : base(message) { }

    public ConnectorContractException(string message, Exception innerException) : base(message, innerException) { }
}
