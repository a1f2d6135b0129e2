using CustomerTimeline.Api.GraphQLServer;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CustomerTimeline.Tests.GraphQLServer;

/// <summary>Once the server listens and before the host reports itself started, the HTTP path is taken once over loopback.</summary>
public sealed class HttpWarmUpTests
{
    [Fact]
    public async Task Before_the_host_is_started_loopback_requests_and_the_token_code_have_run()
    {
        await using var factory = new WarmUpApiFactory(warmUp: true);
        factory.Start();

        HttpWarmUpOf(factory).Outcomes.ShouldBe([("Signing keys", 1), ("Token validation", 1), ("Health", 200), ("Unauthenticated GraphQL", 401)]);
    }

    [Fact]
    public async Task An_unreachable_identity_provider_is_logged_and_the_api_still_starts()
    {
        await using var factory = new WarmUpApiFactory(warmUp: true, builder => builder.ConfigureTestServices(services =>
        {
            services.AddLogging(l => l.AddFakeLogging());
            // A metadata address nobody answers on (the discard port): the keys cannot be read.
            services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt =>
            {
                jwt.Configuration = null;
                jwt.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                    "http://127.0.0.1:9/v2.0/.well-known/openid-configuration", new OpenIdConnectConfigurationRetriever(),
                    new HttpDocumentRetriever { RequireHttps = false });
            });
        }));
        factory.Start();

        var outcomes = HttpWarmUpOf(factory).Outcomes;
        outcomes.ShouldContain(("Signing keys", 0));
        outcomes.ShouldContain(("Health", 200));
        factory.Services.GetFakeLogCollector().GetSnapshot().ShouldContain(r => r.Level == LogLevel.Warning && r.Message.Contains("Signing keys failed", StringComparison.Ordinal));
        using var http = new HttpClient { BaseAddress = factory.BaseAddress };
        (await http.GetAsync("/health/live")).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
    }

    [Fact]
    public async Task Off_with_the_warm_up()
    {
        await using var factory = new WarmUpApiFactory(warmUp: false);
        factory.Start();

        HttpWarmUpOf(factory).Outcomes.ShouldBeEmpty();
    }

    [Fact]
    public async Task Without_a_listening_address_only_the_in_process_steps_run()
    {
        await using var factory = new ConfiguredApiFactory("Development", new Dictionary<string, string?> { ["GraphQL:WarmUp"] = "true" });
        _ = factory.Server;

        HttpWarmUpOf(factory).Outcomes.Select(o => o.Step).ShouldBe(["Signing keys", "Token validation"]);
    }

    private static HttpWarmUp HttpWarmUpOf(TimelineApiFactory factory) => factory.Services.GetRequiredService<HttpWarmUp>();

    private sealed class WarmUpApiFactory(bool warmUp, Action<IWebHostBuilder>? configure = null) : KestrelTimelineApiFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["GraphQL:WarmUp"] = warmUp ? "true" : "false",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            configure?.Invoke(builder);
        }
    }
}
