using System.Diagnostics;
using System.Security.Claims;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.GraphQLServer;
using CustomerTimeline.Api.Relay;
using GraphQL;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerTimeline.Bench;

/// <summary>
/// The agent context without HTTP, inside the API process: the GraphQL executer (as the endpoint calls it, with the
/// caller's validated principal, one open connection, the result serialized) against the plain handler's code, in
/// alternating rounds on the same random customers. Over loopback both sides also pay Kestrel, JWT validation, the
/// client and the idle gaps between requests; here only the work that differs is left, on a warm core.
/// </summary>
internal static class InProcessAgentLoop
{
    public sealed record Result(double GraphQLMicroseconds, double PlainMicroseconds, int RequestsEach);

    public static async Task<Result> RunAsync(IServiceProvider services, string token, int warmUp, int rounds, int perRound, long customers, int events)
    {
        var user = await PrincipalAsync(services, token);
        var executer = services.GetRequiredService<IDocumentExecuter<TimelineSchema>>();
        var serializer = services.GetRequiredService<IGraphQLTextSerializer>();

        async Task GraphQLAsync(long id)
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<TimelineDbContext>().Database.OpenConnectionAsync();
            var result = await executer.ExecuteAsync(new ExecutionOptions
            {
                Query = BenchRunner.AgentQuery,
                Variables = new Inputs(new Dictionary<string, object?> { ["id"] = GlobalId.Encode(GlobalId.CustomerType, id), ["events"] = events }),
                RequestServices = scope.ServiceProvider,
                User = user,
            });
            if (result.Errors is { Count: > 0 } errors) throw new InvalidOperationException("In-process agent query failed: " + errors[0].Message);
            await serializer.WriteAsync(Stream.Null, result);
        }

        async Task PlainAsync(long id)
        {
            await using var scope = services.CreateAsyncScope();
            var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider, User = user };
            context.Response.Body = Stream.Null;
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
        long graphQLTicks = 0, plainTicks = 0;
        for (var round = 0; round < rounds; round++)
        {
            var ids = Enumerable.Range(0, perRound).Select(_ => random.NextInt64(1, customers + 1)).ToArray();
            var clock = Stopwatch.GetTimestamp();
            foreach (var id in ids) await GraphQLAsync(id);
            graphQLTicks += Stopwatch.GetTimestamp() - clock;
            clock = Stopwatch.GetTimestamp();
            foreach (var id in ids) await PlainAsync(id);
            plainTicks += Stopwatch.GetTimestamp() - clock;
        }
        var count = rounds * perRound;
        return new(Micro(graphQLTicks) / count, Micro(plainTicks) / count, count);
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
