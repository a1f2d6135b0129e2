using CustomerTimeline.Api.GraphQLServer;
using GraphQL.DataLoader;

namespace CustomerTimeline.Tests.GraphQLServer;

/// <summary>
/// Composed results answer as the async methods they replace would, whether their sources are already loaded
/// (mapped on the spot) or still pending (mapped when they complete): values, errors and cancellations alike.
/// </summary>
public sealed class DataLoaderResultsTests
{
    private static BatchLoader<long, string?> Loader(List<long[]> calls, Func<long, string?>? row = null) => new((ids, _) =>
    {
        calls.Add([.. ids]);
        return Task.FromResult<IReadOnlyDictionary<long, string?>>(ids.ToDictionary(id => id, id => row is null ? $"row {id}" : row(id)));
    }, missing: null);

    private sealed class Pending<T>(TaskCompletionSource<T> source) : IDataLoaderResult<T>
    {
        public Task<T> GetResultAsync(CancellationToken cancellationToken = default) => source.Task;
        Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    [Fact]
    public async Task Mapping_a_level_shares_its_batch_and_answers_loaded_and_pending_sources_alike()
    {
        var calls = new List<long[]>();
        var loader = Loader(calls);
        var first = loader.Load(1).Then(row => row!.ToUpperInvariant());
        var all = DataLoaderResults.All([loader.Load(2), loader.Load(3)]).Then(rows => string.Join(",", rows));

        (await first.GetResultAsync()).ShouldBe("ROW 1");
        // Loaded by the first await's batch: answered at once, through the untyped view GraphQL.NET awaits too.
        var untyped = ((IDataLoaderResult)all).GetResultAsync();
        untyped.IsCompletedSuccessfully.ShouldBeTrue();
        (await untyped).ShouldBe("row 2,row 3");
        calls.Count.ShouldBe(1);

        var source = new TaskCompletionSource<int>();
        var later = new Pending<int>(source).Then(async (n, ct) => { await Task.Yield(); return n * 2; });
        var waiting = ((IDataLoaderResult)later).GetResultAsync();
        waiting.IsCompleted.ShouldBeFalse();
        source.SetResult(21);
        (await waiting).ShouldBe(42);
    }

    [Fact]
    public async Task A_mapping_that_throws_faults_the_result_instead_of_throwing_to_the_caller()
    {
        var loader = Loader([]);
        await loader.Load(1).GetResultAsync();
        var failing = loader.Load(1).Then<string?, int>(_ => throw new InvalidOperationException("mapping failed"));
        var chained = loader.Load(1).Then<string?, int>((_, _) => throw new InvalidOperationException("chain failed"));
        var joined = DataLoaderResults.All<int>([new Pending<int>(FailedSource<int>(new InvalidOperationException("source failed")))]);

        var result = ((IDataLoaderResult)failing).GetResultAsync();
        result.IsFaulted.ShouldBeTrue();
        (await Should.ThrowAsync<InvalidOperationException>(result)).Message.ShouldBe("mapping failed");
        (await Should.ThrowAsync<InvalidOperationException>(chained.GetResultAsync())).Message.ShouldBe("chain failed");
        (await Should.ThrowAsync<InvalidOperationException>(joined.GetResultAsync())).Message.ShouldBe("source failed");
    }

    [Fact]
    public async Task A_cancellation_cancels_the_result_as_an_async_method_would()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        var loader = Loader([]);
        await loader.Load(1).GetResultAsync();
        var canceled = loader.Load(1).Then<string?, int>(_ => throw new OperationCanceledException(cancel.Token));

        var result = canceled.GetResultAsync();
        result.IsCanceled.ShouldBeTrue();
        await Should.ThrowAsync<OperationCanceledException>(((IDataLoaderResult)canceled).GetResultAsync());
    }

    [Fact]
    public async Task Joining_results_keeps_their_order_when_some_are_loaded_and_the_rest_pending()
    {
        var calls = new List<long[]>();
        var loader = Loader(calls);
        await loader.Load(1).GetResultAsync();
        var pending = new TaskCompletionSource<string?>();
        var joined = DataLoaderResults.All([loader.Load(1), new Pending<string?>(pending), loader.Load(2), loader.Load(3)]);

        var result = joined.GetResultAsync();
        result.IsCompleted.ShouldBeFalse();
        pending.SetResult("pending");
        (await result).ShouldBe(["row 1", "pending", "row 2", "row 3"]);
        calls.Count.ShouldBe(2);
        calls[1].ShouldBe([2L, 3L]);
    }

    private static TaskCompletionSource<T> FailedSource<T>(Exception error)
    {
        var source = new TaskCompletionSource<T>();
        source.SetException(error);
        return source;
    }
}
