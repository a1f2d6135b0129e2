using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerTimeline.Tests.Infrastructure;

/// <summary>
/// The real API on a real loopback port (Kestrel instead of TestServer), for clients that cannot go through
/// an in-memory handler: a browser, or a Node process.
/// </summary>
public class KestrelTimelineApiFactory : TimelineApiFactory
{
    public KestrelTimelineApiFactory() =>
        // Port 0: the OS picks a free port, so parallel test classes never collide.
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

    /// <summary>http://127.0.0.1:port, once <see cref="Start"/> ran.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public Uri Start()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/'));
        return BaseAddress;
    }

    public Uri WebSocketUri => new UriBuilder(BaseAddress) { Scheme = "ws", Path = "/graphql" }.Uri;
}
