namespace CustomerTimeline.Api.Relay;

public sealed record Edge<T>(string Cursor, T Node);
