namespace CustomerTimeline.Api.Connectors.Sync;

/// <summary>The run's lease expired and another run took the source over: this run must not commit again.</summary>
public sealed class SyncLeaseLostException : Exception
{
    public SyncLeaseLostException() : base("The sync lease was taken over by another run.") { }

    public SyncLeaseLostException(string message) : base(message) { }

    public SyncLeaseLostException(string message, Exception innerException) : base(message, innerException) { }
}
