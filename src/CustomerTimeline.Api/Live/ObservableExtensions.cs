namespace CustomerTimeline.Api.Live;

/// <summary>The two operators the live feeds need, without taking a dependency on Rx.</summary>
internal static class ObservableExtensions
{
    public static IObservable<TResult> Select<T, TResult>(this IObservable<T> source, Func<T, TResult> map) =>
        new Mapped<T, TResult>(source, map);

    /// <summary>The feed, with <paramref name="first"/> sent to each subscriber before anything it publishes.</summary>
    public static IObservable<T> StartWith<T>(this IObservable<T> source, T first) => new Started<T>(source, first);

    private sealed class Started<T>(IObservable<T> source, T first) : IObservable<T>
    {
        public IDisposable Subscribe(IObserver<T> observer)
        {
            ArgumentNullException.ThrowIfNull(observer);
            observer.OnNext(first);
            return source.Subscribe(observer);
        }
    }

    private sealed class Mapped<T, TResult>(IObservable<T> source, Func<T, TResult> map) : IObservable<TResult>
    {
        public IDisposable Subscribe(IObserver<TResult> observer) => source.Subscribe(new Observer(observer, map));

        private sealed class Observer(IObserver<TResult> inner, Func<T, TResult> map) : IObserver<T>
        {
            public void OnNext(T value) => inner.OnNext(map(value));

            public void OnError(Exception error) => inner.OnError(error);

            public void OnCompleted() => inner.OnCompleted();
        }
    }
}
