using CustomerTimeline.Api.Hosting;
using Shouldly;
using Xunit;

namespace CustomerTimeline.Tests.Hosting;

public sealed class ServerAddressesTests
{
    [Theory]
    [InlineData("http://[::]:5080", "http://localhost:5080")]
    [InlineData("http://0.0.0.0:8080", "http://localhost:8080")]
    [InlineData("http://+:80", "http://localhost:80")]
    [InlineData("https://*:443", "https://localhost:443")]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080")]
    [InlineData("http://[::1]:5080", "http://[::1]:5080")]
    public void A_wildcard_host_is_replaced_and_any_other_kept(string address, string reachable)
    {
        ServerAddresses.WithHost(address, "localhost").ShouldBe(reachable);
    }
}
