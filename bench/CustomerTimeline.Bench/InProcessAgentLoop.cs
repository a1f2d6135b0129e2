using System.Diagnostics;
using System.Security.Claims;
using System.Text.Json;
using CustomerTimeline.Api.GraphQLServer;
using CustomerTimeline.Api.Relay;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerTimeline.Bench;

/// <summary>
/// The agent context without HTTP, inside the API process: the GraphQL endpoint's handler (request body read, executed,
/// answer written; the caller's principal validated once) against the plain handler's code after its token check, in
/// alternating rounds on the same random customers. Over loopback both sides also pay Kestrel, JWT validation, the
/// client and the idle gaps between requests; here only the work that differs is left, on a warm core.
/// </summary>
internal static class InProcessAgentLoop
{
    /// <summary>Time and bytes allocated (the whole process's: nothing else runs in it meanwhile) per request on each side.</summary>
    public sealed record Result(double GraphQLMicroseconds, double PlainMicroseconds, int RequestsEach, double GraphQLBytes, double PlainBytes);

    public static async Task<Result> RunAsync(IServiceProvider services, string token, int warmUp, int rounds, int perRound, long customers, int events)
    {
        var user = await PrincipalAsync(services, token);
        var endpoint = services.GetRequiredService<GraphQLHttpEndpoint>();
        using var response = new MemoryStream();

        // The GraphQL endpoint's own handler, as Kestrel would call it after authentication (the warm-up's request).
        async Task GraphQLAsync(long id)
        {
            await using var scope = services.CreateAsyncScope();
            var body = JsonSerializer.SerializeToUtf8Bytes(new
            {
                query = BenchRunner.AgentQuery,
                variables = new { id = GlobalId.Encode(GlobalId.CustomerType, id), events },
            });
            response.SetLength(0);
            var context = InMemoryGraphQLRequest.Create(scope.ServiceProvider, user, body, response);
            await endpoint.HandleAsync(context);
            if (context.Response.StatusCode != StatusCodes.Status200OK || InMemoryGraphQLRequest.HasErrors(response))
                throw new InvalidOperationException("In-process agent query failed: " + System.Text.Encoding.UTF8.GetString(response.GetBuffer(), 0, (int)Math.Min(response.Length, 600)));
        }

        async Task PlainAsync(long id)
        {
            await using var scope = services.CreateAsyncScope();
            var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider, User = user };
            response.SetLength(0);
            context.Response.Body = response;
            await PlainAgentEndpoint.WriteAgentContextAsync(context, id, events);
            if (context.Response.StatusCode != StatusCodes.Status200OK)
                throw new InvalidOperationException($"In-process plain handler answered {context.Response.StatusCode}.");
        }

        var random = new Random(17);
        for (var i = 0; i < warmUp; i++)
        {
            await GraphQLAsync(random.NextInt64(1, customers + 1));
            await PlainAsync(random.NextInt64(1, customers + 1));
        }

        // Alternating rounds with the same customers on both sides, so a slow spell of the machine hits both.
        long graphQLTicks = 0, plainTicks = 0, graphQLBytes = 0, plainBytes = 0;
        for (var round = 0; round < rounds; round++)
        {
            var ids = Enumerable.Range(0, perRound).Select(_ => random.NextInt64(1, customers + 1)).ToArray();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.GetTimestamp();
            foreach (var id in ids) await GraphQLAsync(id);
            graphQLTicks += Stopwatch.GetTimestamp() - clock;
            graphQLBytes += GC.GetTotalAllocatedBytes(precise: true) - allocated;
            allocated = GC.GetTotalAllocatedBytes(precise: true);
            clock = Stopwatch.GetTimestamp();
            foreach (var id in ids) await PlainAsync(id);
            plainTicks += Stopwatch.GetTimestamp() - clock;
            plainBytes += GC.GetTotalAllocatedBytes(precise: true) - allocated;
        }
        var count = rounds * perRound;
        return new(Micro(graphQLTicks) / count, Micro(plainTicks) / count, count, graphQLBytes / (double)count, plainBytes / (double)count);
    }

    private static double Micro(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;

    /// <summary>The bench token validated once, as the authentication middleware would for every request.</summary>
    private static async Task<ClaimsPrincipal> PrincipalAsync(IServiceProvider services, string token)
    {
        await using var scope = services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.Authorization = "Bearer " + token;
        var auth = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        return auth.Principal ?? throw new InvalidOperationException("The bench token did not validate in the API process.");
    }
}
