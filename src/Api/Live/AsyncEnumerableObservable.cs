namespace Pointspot.Api.Live;

/// <summary>
/// An observable that enumerates an async sequence for each subscriber, one item at a time, and
/// stops when the subscription is disposed. GraphQL.NET's subscription resolvers take observables.
/// </summary>
public sealed class AsyncEnumerableObservable<T>(Func<CancellationToken, IAsyncEnumerable<T>> source) : IObservable<T>
{
    public IDisposable Subscribe(IObserver<T> observer)
    {
        var cancellation = new CancellationTokenSource();
        _ = Task.Run(async () =>
        {
            try
            {
                await foreach (var item in source(cancellation.Token).WithCancellation(cancellation.Token))
                {
                    observer.OnNext(item);
                }

                observer.OnCompleted();
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
            }
            catch (Exception exception)
            {
                observer.OnError(exception);
            }
        });
        return new Unsubscriber(cancellation);
    }

    private sealed class Unsubscriber(CancellationTokenSource cancellation) : IDisposable
    {
        public void Dispose() => cancellation.Cancel();
    }
}
