using CustomerTimeline.Api.Live;
using CustomerTimeline.Api.Relay;
using CustomerTimeline.Tests.Infrastructure;
using GraphQL;
using GraphQL.DI;
using GraphQL.Execution;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerTimeline.Tests.Live;

/// <summary>
/// graphql-transport-ws: a completed operation's results are not sent, and its id may be reused at once; the old
/// operation finishing later must neither answer for the new one nor end it.
/// </summary>
public sealed class CompletedOperationTests : IAsyncLifetime
{
    /// <summary>Holds an operation named Slow after it executed, until the test releases it (ignoring cancellation).</summary>
    private sealed class Gate
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class GateListener(Gate gate) : DocumentExecutionListenerBase
    {
        public override async Task AfterExecutionAsync(IExecutionContext context)
        {
            if (context.Operation.Name?.StringValue != "Slow") return;
            gate.Entered.TrySetResult();
            await gate.Released.Task;
        }
    }

    private sealed class AddGateListener(Gate gate) : IConfigureExecution
    {
        public float SortOrder => 0;

        public Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
        {
            options.Listeners.Add(new GateListener(gate));
            return next(options);
        }
    }

    private readonly Gate _gate = new();
    private readonly ConfiguredApiFactory _factory;

    public CompletedOperationTests() =>
        _factory = new ConfiguredApiFactory("Development",
            services: s => s.AddSingleton<IConfigureExecution>(new AddGateListener(_gate)));

    public Task InitializeAsync() => _factory.SeedAsync(SampleData.SeedAsync);

    public async Task DisposeAsync()
    {
        _gate.Released.TrySetResult();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task A_completed_operation_sends_nothing_and_leaves_a_new_operation_under_its_id_alone()
    {
        await using var ws = await GraphQLWebSocketClient.ConnectAsync(_factory.Server);
        await ws.InitAsync();
        await ws.SubscribeAsync("a", "query Slow { customers(first: 1) { totalCount } }");
        await _gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // The client completes it and reuses the id for a subscription while the old one is still finishing.
        await ws.SendAsync(new { id = "a", type = "complete" });
        await ws.SubscribeAsync("a", "subscription($c: ID!) { customerUpdated(customerId: $c) { displayName } }",
            new { c = GlobalId.Encode(GlobalId.CustomerType, 2) });
        await ws.SendAsync(new { type = "ping" });
        (await ws.ReceiveAsync())!["type"]!.GetValue<string>().ShouldBe("pong");
        _gate.Released.TrySetResult();

        var notifier = _factory.Services.GetRequiredService<ITimelineNotifier>();
        var first = await ws.ReceiveWhilePublishingAsync(() => notifier.CustomerUpdated(2));
        first!["id"]!.GetValue<string>().ShouldBe("a");
        first["type"]!.GetValue<string>().ShouldBe("next", first.ToJsonString());
        // Not the completed query's answer, and the new subscription still runs.
        var customer = first["payload"]!["data"]!["customerUpdated"];
        customer.ShouldNotBeNull(first.ToJsonString());
        customer["displayName"]!.GetValue<string>().ShouldBe("Bob Durand");
    }
}
