using Google.Protobuf;

namespace Procurement.Grpc;

internal sealed class HttpServerStreamReader<T>(HttpServerCall call, MessageParser<T> parser) : IAsyncStreamReader<T>
    where T : class, IMessage<T>
{
    private T? _current;
    private bool _ended;

    public T Current => _current ?? throw new InvalidOperationException("MoveNext has not returned true.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken = default)
    {
        if (_ended) return false;
        _current = await call.ReadRequestAsync(parser, cancellationToken).ConfigureAwait(false);
        _ended = _current is null;
        return !_ended;
    }
}

internal sealed class HttpServerStreamWriter<T>(HttpServerCall call) : IServerStreamWriter<T>
    where T : class, IMessage<T>
{
    public WriteOptions? WriteOptions { get; set; }

    public Task WriteAsync(T message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return call.WriteStreamMessageAsync(message, WriteOptions ?? call.WriteOptions, cancellationToken);
    }
}
