using System.Collections.Concurrent;

namespace CustomerTimeline.Api.Generator;

/// <summary>
/// Enumerates a source on a background thread, a bounded number of items ahead of the consumer, so generating
/// the next customers overlaps with inserting the current ones (one core each).
/// </summary>
internal static class ReadAhead
{
    public static IEnumerable<T> Buffer<T>(IEnumerable<T> source, int capacity, CancellationToken ct)
    {
        using var queue = new BlockingCollection<T>(capacity);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Factory.StartNew(() =>
        {
            try
            {
                foreach (var item in source) queue.Add(item, stop.Token);
            }
            finally
            {
                queue.CompleteAdding();
            }
        }, stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        try
        {
            foreach (var item in queue.GetConsumingEnumerable(stop.Token)) yield return item;
            producer.GetAwaiter().GetResult(); // a failure while generating surfaces here
        }
        finally
        {
            stop.Cancel();
            try
            {
                producer.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // Already surfaced above, or the consumer is failing for its own reason.
            }
        }
    }
}
