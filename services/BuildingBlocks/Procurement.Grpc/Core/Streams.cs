using System.Runtime.CompilerServices;

namespace Procurement.Grpc;

/// <summary>A stream of incoming messages: call MoveNext until it returns false.</summary>
public interface IAsyncStreamReader<out T>
{
    T Current { get; }
    Task<bool> MoveNext(CancellationToken cancellationToken = default);
}

/// <summary>Writes response messages of a server-streaming or duplex call.</summary>
public interface IServerStreamWriter<in T>
{
    WriteOptions? WriteOptions { get; set; }
    Task WriteAsync(T message, CancellationToken cancellationToken = default);
}

/// <summary>Writes request messages of a client-streaming or duplex call; CompleteAsync ends the request.</summary>
public interface IClientStreamWriter<in T>
{
    WriteOptions? WriteOptions { get; set; }
    Task WriteAsync(T message, CancellationToken cancellationToken = default);
    Task CompleteAsync();
}

/// <summary>Per-message write flags.</summary>
public sealed record WriteOptions(bool NoCompress = false);

public static class AsyncStreamReaderExtensions
{
    public static async IAsyncEnumerable<T> ReadAllAsync<T>(
        this IAsyncStreamReader<T> reader, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await reader.MoveNext(cancellationToken).ConfigureAwait(false))
            yield return reader.Current;
    }
}
