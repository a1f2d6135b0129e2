using CustomerTimeline.Api.GraphQLServer;

namespace CustomerTimeline.Tests.GraphQLServer;

public sealed class BatchLoaderTests
{
    private sealed class Source
    {
        public List<long[]> Calls { get; } = [];

        public BatchLoader<long, string?> Loader() => new((ids, _) =>
        {
            Calls.Add([.. ids]);
            return Task.FromResult<IReadOnlyDictionary<long, string?>>(ids.Where(id => id < 100).ToDictionary(id => id, id => (string?)$"row {id}"));
        }, missing: null);
    }

    [Fact]
    public async Task Keys_of_one_level_are_fetched_in_one_call_and_cached_for_the_request()
    {
        var source = new Source();
        var loader = source.Loader();
        var a = loader.Load(1);
        var b = loader.Load(2);
        var missing = loader.Load(500);

        (await b.GetResultAsync()).ShouldBe("row 2");
        (await a.GetResultAsync()).ShouldBe("row 1");
        (await missing.GetResultAsync()).ShouldBeNull();
        (await loader.Load(1).GetResultAsync()).ShouldBe("row 1");

        source.Calls.Count.ShouldBe(1);
        source.Calls[0].ShouldBe([1L, 2L, 500L]);
    }

    [Fact]
    public async Task A_primed_key_is_answered_without_a_fetch_and_only_the_others_are_fetched()
    {
        var source = new Source();
        var loader = source.Loader();
        loader.Prime(1, "from the page");
        var primed = loader.Load(1);
        var other = loader.Load(2);

        (await primed.GetResultAsync()).ShouldBe("from the page");
        source.Calls.ShouldBeEmpty();
        (await other.GetResultAsync()).ShouldBe("row 2");
        source.Calls.Count.ShouldBe(1);
        source.Calls[0].ShouldBe([2L]);
    }

    [Fact]
    public async Task Priming_never_replaces_a_key_already_loaded_or_pending()
    {
        var source = new Source();
        var loader = source.Loader();
        var pending = loader.Load(3);
        loader.Prime(3, "stale copy");
        (await pending.GetResultAsync()).ShouldBe("row 3");

        loader.Prime(3, "another copy");
        (await loader.Load(3).GetResultAsync()).ShouldBe("row 3");
        source.Calls.Count.ShouldBe(1);
    }
}
