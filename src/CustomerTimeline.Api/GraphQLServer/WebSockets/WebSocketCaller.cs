using System.Security.Claims;

namespace CustomerTimeline.Api.GraphQLServer.WebSockets;

/// <summary>
/// Who opened a WebSocket, and until when that holds: a connection outlives the request that authenticated it, so it
/// ends (4403) when its credential would no longer be accepted over HTTP. Null <see cref="ValidUntil"/>: no end.
/// </summary>
public sealed record WebSocketCaller(ClaimsPrincipal User, DateTimeOffset? ValidUntil);
