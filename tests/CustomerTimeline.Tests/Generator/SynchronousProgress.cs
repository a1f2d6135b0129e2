namespace CustomerTimeline.Tests.Generator;

/// <summary>Progress&lt;T&gt; posts to the thread pool; tests need the reports in order, right away.</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
