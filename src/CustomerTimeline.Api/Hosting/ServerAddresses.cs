using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CustomerTimeline.Api.Hosting;

/// <summary>The addresses the server listens on, as a client can reach them.</summary>
internal static class ServerAddresses
{
    /// <summary>Each address, a wildcard host (<c>[::]</c>, <c>0.0.0.0</c>, <c>+</c>, <c>*</c>) replaced by <paramref name="host"/>.</summary>
    public static IEnumerable<string> Reachable(IServer server, string host) =>
        (server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []).Select(address => WithHost(address, host));

    internal static string WithHost(string address, string host) => address
        .Replace("://[::]", "://" + host, StringComparison.Ordinal)
        .Replace("://0.0.0.0", "://" + host, StringComparison.Ordinal)
        .Replace("://+", "://" + host, StringComparison.Ordinal)
        .Replace("://*", "://" + host, StringComparison.Ordinal);
}
