using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Relay;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerTimeline.Tests.Data;

/// <summary>
/// EF's SQLite connection is opened at a request's first EF query and kept to the request's end: one open per
/// request, none for a request served by the hot reads alone (every open re-registers EF's SQL functions).
/// </summary>
public sealed class SqliteConnectionKeeperTests : IAsyncLifetime
{
    private readonly ConnectionUse _use = new();
    private readonly RequestContexts _requests = new();
    private readonly ConfiguredApiFactory _api;

    public SqliteConnectionKeeperTests() => _api = new ConfiguredApiFactory("Development", services: s => s
        .AddSingleton<IInterceptor>(_use)
        .AddSingleton<IStartupFilter>(_requests));

    public Task InitializeAsync() => _api.SeedAsync(SampleData.SeedAsync);

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_lease_that_asked_opens_at_its_first_query_and_keeps_the_connection_until_it_goes_back_to_the_pool()
    {
        // A pool of one of the API's own contexts (same options, interceptors included): every lease is the same instance.
        var options = _api.Services.GetRequiredService<DbContextOptions<SqliteTimelineDbContext>>();
        var pool = new PooledDbContextFactory<SqliteTimelineDbContext>(options, poolSize: 1);

        DbContextId asked;
        await using (var db = await pool.CreateDbContextAsync())
        {
            asked = db.ContextId;
            db.KeepConnectionOnceOpened();
            db.Database.GetDbConnection().State.ShouldBe(ConnectionState.Closed, "nothing is opened before a query needs it");
            (await db.Customers.CountAsync()).ShouldBe(3);
            db.Database.GetDbConnection().State.ShouldBe(ConnectionState.Open, "kept after the query");
            (await db.Events.CountAsync()).ShouldBeGreaterThan(0);
            _use.Opens(asked).ShouldBe(1);
            _use.Commands(asked).ShouldBe(2);
        }

        // The same instance's next lease did not ask: EF's own rule, opened and closed around each query.
        await using (var db = await pool.CreateDbContextAsync())
        {
            db.ContextId.InstanceId.ShouldBe(asked.InstanceId);
            db.Database.GetDbConnection().State.ShouldBe(ConnectionState.Closed, "going back to the pool closed it");
            await db.Customers.CountAsync();
            db.Database.GetDbConnection().State.ShouldBe(ConnectionState.Closed);
            await db.Events.CountAsync();
            _use.Opens(db.ContextId).ShouldBe(2);
        }

        // Asked, but no query: nothing opened, and the lease after it is not kept open either.
        await using (var db = await pool.CreateDbContextAsync()) db.KeepConnectionOnceOpened();
        await using (var db = await pool.CreateDbContextAsync())
        {
            await db.Customers.CountAsync();
            db.Database.GetDbConnection().State.ShouldBe(ConnectionState.Closed);
        }
    }

    [Fact]
    public async Task A_GraphQL_request_with_several_EF_queries_opens_the_connection_once()
    {
        using var client = _api.CreateGraphQLClient();
        var r = await client.PostAsync("{ customers(first: 2) { totalCount nodes { id } } }");
        r.DataOrThrow()["customers"]!["totalCount"]!.GetValue<int>().ShouldBe(3);

        var request = _requests.Last;
        _use.Commands(request).ShouldBeGreaterThanOrEqualTo(2, "the count and the page");
        _use.Opens(request).ShouldBe(1);
    }

    [Fact]
    public async Task A_GraphQL_request_served_by_the_hot_reads_opens_no_EF_connection()
    {
        using var client = _api.CreateGraphQLClient();
        var r = await client.PostAsync(
            "query($id: ID!) { customer(id: $id) { displayName identities { kind } experience { score } journey { currentStage { key } } signals { kind } timeline(first: 5) { nodes { id } } } }",
            new { id = GlobalId.Encode(GlobalId.CustomerType, 1) });
        r.DataOrThrow()["customer"]!["timeline"]!["nodes"]!.AsArray().Count.ShouldBe(5);

        var request = _requests.Last;
        _use.Commands(request).ShouldBe(0, "every read of this query is a hot read");
        _use.Opens(request).ShouldBe(0);
    }

    /// <summary>EF connection opens and commands, per context lease.</summary>
    private sealed class ConnectionUse : DbConnectionInterceptor, IDbCommandInterceptor
    {
        private readonly ConcurrentDictionary<DbContextId, int> _opens = new();
        private readonly ConcurrentDictionary<DbContextId, int> _commands = new();

        public int Opens(DbContextId id) => _opens.GetValueOrDefault(id);

        public int Commands(DbContextId id) => _commands.GetValueOrDefault(id);

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Count(_opens, eventData.Context);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Count(_opens, eventData.Context);
            return Task.CompletedTask;
        }

        public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Count(_commands, eventData.Context);
            return ValueTask.FromResult(result);
        }

        public ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Count(_commands, eventData.Context);
            return ValueTask.FromResult(result);
        }

        private static void Count(ConcurrentDictionary<DbContextId, int> counts, DbContext? context)
        {
            if (context is not null) counts.AddOrUpdate(context.ContextId, 1, (_, n) => n + 1);
        }
    }

    /// <summary>The context lease of the last GraphQL request.</summary>
    private sealed class RequestContexts : IStartupFilter
    {
        private DbContextId _last;

        public DbContextId Last => _last;

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, following) =>
            {
                // The request scope's one lease, the one the endpoint uses; taken first, so the answer comes after it.
                if (http.Request.Path == "/graphql") _last = http.RequestServices.GetRequiredService<TimelineDbContext>().ContextId;
                return following(http);
            });
            next(app);
        };
    }
}
