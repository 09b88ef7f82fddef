using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace Procurement.Gateway.Tests.Support;

/// <summary>
/// Requests a gRPC client library would never send (another content type, a body that stalls), over HTTP/2 with
/// prior knowledge, as HttpClient sends them; and what came back, Trailers-Only statuses included.
/// </summary>
public static class RawHttp2
{
    /// <summary>A gRPC message with its 5-byte length prefix (uncompressed).</summary>
    public static byte[] Frame(IMessage message)
    {
        var payload = message.ToByteArray();
        var frame = new byte[5 + payload.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1, 4), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    public static HttpRequestMessage Post(Uri gateway, string path, HttpContent content, string? contentType, string? authorization = null)
    {
        if (contentType is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        if (authorization is not null) request.Headers.TryAddWithoutValidation("authorization", authorization);
        return request;
    }

    /// <summary>grpc-status from the headers (Trailers-Only) or else the trailers; null when there is none.</summary>
    public static string? GrpcStatus(HttpResponseMessage response) => Header(response, "grpc-status");

    public static string? GrpcMessage(HttpResponseMessage response) =>
        Header(response, "grpc-message") is { } encoded ? Uri.UnescapeDataString(encoded) : null;

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.TrailingHeaders.TryGetValues(name, out values)
            ? values.FirstOrDefault()
            : null;
}

/// <summary>A request body that sends its first bytes and then never ends (until the request is given up).</summary>
public sealed class StallingContent(byte[] start) : HttpContent
{
    private readonly TaskCompletionSource _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first bytes are on their way.</summary>
    public Task Sent => _sent.Task;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(start, cancellationToken);
        await stream.FlushAsync(cancellationToken);
        _sent.TrySetResult();
        await new TaskCompletionSource().Task.WaitAsync(cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}

/// <summary>A request body of unknown length (no content-length header), as gRPC clients send it.</summary>
public sealed class UnsizedContent(byte[] bytes) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
