using System.ComponentModel.DataAnnotations;

namespace CustomerTimeline.Api.GraphQLServer.WebSockets;

public sealed class GraphQLWebSocketOptions
{
    public const string Section = "GraphQL:WebSockets";

    /// <summary>Time a client has to send connection_init before the socket closes with 4408.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Interval of the server's keep-alive pings; zero turns them off.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Messages queued for one connection. A client that reads slower than events arrive fills the queue;
    /// then the server closes the socket with 4413 instead of growing memory without bound.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxQueuedMessages { get; set; } = 256;

    [Range(1_024, 1_048_576)]
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    [Range(1, 1_000)]
    public int MaxSubscriptionsPerConnection { get; set; } = 50;
}
