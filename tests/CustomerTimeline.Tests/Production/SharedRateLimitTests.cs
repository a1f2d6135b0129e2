using System.Globalization;
using System.Net;
using System.Text;
using System.Threading.RateLimiting;
using CustomerTimeline.Api.Security;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerTimeline.Tests.Production;

/// <summary>
/// Two API instances on one SQLite file: with RateLimit:Store=Database a caller's budget holds across both; with
/// the in-memory store each instance would allow the full budget.
/// </summary>
public sealed class SharedRateLimitTests : IAsyncLifetime
{
    private const string Query = """{"query":"{ customers(first: 1) { totalCount } }"}""";
    private const int WindowSeconds = 3600;
    private const string OtherAgent = "0d4b6c2a-7e91-4f3b-8a5d-0000000000b2";

    private sealed class Instance(string dataDirectory, FixedTimeProvider clock, string store, int permitLimit)
        : TimelineApiFactory(dataDirectory)
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["RateLimit:Store"] = store,
            ["RateLimit:PermitLimit"] = permitLimit.ToString(CultureInfo.InvariantCulture),
            ["RateLimit:WindowSeconds"] = WindowSeconds.ToString(CultureInfo.InvariantCulture),
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(clock));
        }
    }

    private sealed record Answer(HttpStatusCode Status, int? RetryAfter, string? Code);

    private readonly string _shared = TimelineApiFactory.NewDataDirectory();
    // Half an hour ago, so a token minted now is valid at this time and one window later, whichever clock checks it.
    private readonly FixedTimeProvider _clock = new(DateTimeOffset.UtcNow.AddMinutes(-30));
    private readonly List<Instance> _instances = [];
    private readonly List<GraphQLClient> _clients = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var client in _clients) client.Dispose();
        foreach (var instance in _instances) await instance.DisposeAsync();
    }

    private (Instance A, Instance B) TwoInstances(string store, int permitLimit)
    {
        var a = new Instance(_shared, _clock, store, permitLimit);
        _instances.Add(a);
        _ = a.Server; // the first host migrates the shared database
        var b = new Instance(_shared, _clock, store, permitLimit);
        _instances.Add(b);
        _ = b.Server;
        return (a, b);
    }

    private GraphQLClient Client(Instance instance, string? objectId = null)
    {
        var client = objectId is null ? instance.CreateGraphQLClient() : instance.CreateGraphQLClient(TestTokens.Mint(objectId: objectId));
        _clients.Add(client);
        return client;
    }

    private static async Task<Answer> SendAsync(GraphQLClient client)
    {
        using var content = new StringContent(Query, Encoding.UTF8, "application/json");
        using var response = await client.Http.PostAsync("/graphql", content);
        int? retryAfter = response.Headers.TryGetValues("Retry-After", out var values)
            ? int.Parse(values.Single(), CultureInfo.InvariantCulture)
            : null;
        return new Answer(response.StatusCode, retryAfter, (await GraphQLClient.ReadAsync(response)).FirstErrorCode);
    }

    /// <summary>Requests of one caller, alternating between the two instances.</summary>
    private static async Task<List<Answer>> AlternateAsync(GraphQLClient onA, GraphQLClient onB, int requests)
    {
        var answers = new List<Answer>();
        for (var i = 0; i < requests; i++) answers.Add(await SendAsync(i % 2 == 0 ? onA : onB));
        return answers;
    }

    private int SecondsToWindowEnd()
    {
        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        return (int)(WindowSeconds - (now % WindowSeconds));
    }

    private void ShouldBeRejections(IEnumerable<Answer> answers)
    {
        var untilNextWindow = SecondsToWindowEnd();
        foreach (var answer in answers)
        {
            answer.Status.ShouldBe(HttpStatusCode.TooManyRequests);
            answer.Code.ShouldBe("RATE_LIMITED");
            // The time left in the shared window, not a fresh window of this instance.
            answer.RetryAfter.ShouldNotBeNull().ShouldBeInRange(untilNextWindow - 1, untilNextWindow + 1);
        }
    }

    [Fact]
    public async Task The_database_store_admits_a_callers_limit_once_across_two_instances()
    {
        var (a, b) = TwoInstances("Database", permitLimit: 10);
        var answers = await AlternateAsync(Client(a), Client(b), 30);

        answers.Count(x => x.Status == HttpStatusCode.OK).ShouldBe(10);
        // Both instances served part of the budget, and once it was used up neither admitted more.
        answers.Take(10).ShouldAllBe(x => x.Status == HttpStatusCode.OK);
        ShouldBeRejections(answers.Skip(10));
        var counted = await a.WithDbAsync(db => db.RateLimitWindows.SumAsync(w => w.Count));
        counted.ShouldBe(10);
    }

    [Fact]
    public async Task Another_caller_keeps_its_own_budget_on_both_instances()
    {
        var (a, b) = TwoInstances("Database", permitLimit: 10);
        (await AlternateAsync(Client(a), Client(b), 12)).Count(x => x.Status == HttpStatusCode.OK).ShouldBe(10);

        var other = await AlternateAsync(Client(a, OtherAgent), Client(b, OtherAgent), 12);
        other.Count(x => x.Status == HttpStatusCode.OK).ShouldBe(10);
        ShouldBeRejections(other.Skip(10));
        (await a.WithDbAsync(db => db.RateLimitWindows.CountAsync())).ShouldBe(2);
    }

    [Fact]
    public async Task Reserving_in_chunks_stays_exact()
    {
        // PermitLimit 40: each instance reserves 2 permits per database round trip.
        var (a, b) = TwoInstances("Database", permitLimit: 40);
        var answers = await AlternateAsync(Client(a), Client(b), 60);

        answers.Take(40).ShouldAllBe(x => x.Status == HttpStatusCode.OK);
        ShouldBeRejections(answers.Skip(40));
        (await a.WithDbAsync(db => db.RateLimitWindows.SingleAsync())).Count.ShouldBe(40);
    }

    [Fact]
    public async Task Concurrent_requests_to_both_instances_never_exceed_the_limit()
    {
        var (a, b) = TwoInstances("Database", permitLimit: 40);
        GraphQLClient[] clients = [Client(a), Client(b)];
        var answers = await Task.WhenAll(Enumerable.Range(0, 80).Select(i => SendAsync(clients[i % 2])));

        answers.Count(x => x.Status == HttpStatusCode.OK).ShouldBe(40);
        ShouldBeRejections(answers.Where(x => x.Status != HttpStatusCode.OK));
    }

    [Fact]
    public async Task The_memory_store_lets_each_instance_admit_the_full_budget()
    {
        // Why several instances need RateLimit:Store=Database: in memory, two instances admit twice the limit.
        var (a, b) = TwoInstances("Memory", permitLimit: 10);
        var answers = await AlternateAsync(Client(a), Client(b), 30);

        answers.Count(x => x.Status == HttpStatusCode.OK).ShouldBe(20);
        answers.Take(20).ShouldAllBe(x => x.Status == HttpStatusCode.OK);
        // Each instance's window is aligned like the shared one, and says how long is left of it.
        ShouldBeRejections(answers.Skip(20));
        (await a.WithDbAsync(db => db.RateLimitWindows.CountAsync())).ShouldBe(0);

        _clock.Now = _clock.Now.AddSeconds(SecondsToWindowEnd());
        var next = await AlternateAsync(Client(a), Client(b), 22);
        next.Take(20).ShouldAllBe(x => x.Status == HttpStatusCode.OK);
        ShouldBeRejections(next.Skip(20));
    }

    [Fact]
    public void A_memory_window_is_not_dropped_as_idle_while_it_holds_used_permits()
    {
        // The partitioned limiter drops limiters idle for a while; one dropped mid-window would come back full.
        var limiter = new MemoryWindowRateLimiter(_clock, limit: 2, windowSeconds: WindowSeconds);
        limiter.IdleDuration.ShouldNotBeNull();
        limiter.AttemptAcquire().IsAcquired.ShouldBeTrue();
        limiter.IdleDuration.ShouldBeNull();
        limiter.AttemptAcquire().IsAcquired.ShouldBeTrue();
        using var rejected = limiter.AttemptAcquire();
        rejected.IsAcquired.ShouldBeFalse();
        rejected.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter).ShouldBeTrue();
        retryAfter.TotalSeconds.ShouldBe(SecondsToWindowEnd(), tolerance: 1);

        _clock.Now = _clock.Now.AddSeconds(SecondsToWindowEnd());
        limiter.IdleDuration.ShouldNotBeNull();
        limiter.AttemptAcquire().IsAcquired.ShouldBeTrue();
    }

    [Fact]
    public async Task The_next_window_admits_again_and_old_windows_are_deleted()
    {
        var (a, b) = TwoInstances("Database", permitLimit: 10);
        GraphQLClient onA = Client(a), onB = Client(b);
        (await AlternateAsync(onA, onB, 12)).Count(x => x.Status == HttpStatusCode.OK).ShouldBe(10);

        _clock.Now = _clock.Now.AddSeconds(WindowSeconds);
        var next = await AlternateAsync(onA, onB, 12);
        next.Take(10).ShouldAllBe(x => x.Status == HttpStatusCode.OK);
        ShouldBeRejections(next.Skip(10));

        // Two windows on: the first is older than the previous window and goes at the next prune.
        _clock.Now = _clock.Now.AddSeconds(WindowSeconds);
        (await SendAsync(onA)).Status.ShouldBe(HttpStatusCode.OK);
        var windowSize = (long)WindowSeconds;
        var current = _clock.GetUtcNow().ToUnixTimeSeconds() / windowSize * windowSize;
        var kept = await a.WithDbAsync(db => db.RateLimitWindows.Select(w => w.WindowStart).OrderBy(w => w).ToListAsync());
        kept.ShouldBe([current - windowSize, current]);
    }

    [Fact]
    public async Task A_reservation_grants_what_is_left_and_then_nothing()
    {
        var (a, _) = TwoInstances("Database", permitLimit: 10);
        var store = a.Services.GetRequiredService<SharedRateLimitStore>();
        var grants = new List<int?>();
        for (var i = 0; i < 4; i++)
            grants.Add(await store.TryReserveAsync("tenant/caller", 1_800_000_000, WindowSeconds, limit: 5, want: 2, CancellationToken.None));
        grants.ShouldBe([2, 2, 1, 0]);
        (await a.WithDbAsync(db => db.RateLimitWindows.SingleAsync())).Count.ShouldBe(5);
    }

    [Fact]
    public async Task A_failing_database_admits_requests_instead_of_locking_callers_out()
    {
        var (a, b) = TwoInstances("Database", permitLimit: 1);
        await a.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DROP TABLE \"RateLimitWindows\""));

        var answers = await AlternateAsync(Client(a), Client(b), 4);
        answers.ShouldAllBe(x => x.Status == HttpStatusCode.OK);
    }
}
