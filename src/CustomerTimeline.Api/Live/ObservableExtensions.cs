namespace CustomerTimeline.Api.Live;

/// <summary>The one operator the live feeds need, without taking a dependency on Rx.</summary>
internal static class ObservableExtensions
{
    public static IObservable<TResult> Select<T, TResult>(this IObservable<T> source, Func<T, TResult> map) =>
        new Mapped<T, TResult>(source, map);

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
