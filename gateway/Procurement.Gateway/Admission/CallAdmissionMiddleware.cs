using System.Buffers;
using System.Buffers.Binary;
using Microsoft.Extensions.Options;
using Grpc.Core;
using Yarp.ReverseProxy.Model;
using Procurement.Identity;

namespace Procurement.Gateway.Admission;

/// <summary>
/// The last check before a call is forwarded, after its token and roles passed (ASP.NET Core authorization): a
/// gRPC call needs HTTP/2 (else 426), and a request within the size limit (else RESOURCE_EXHAUSTED).
/// </summary>
internal sealed class CallAdmissionMiddleware(RequestDelegate next, IOptions<GatewayOptions> options)
{
    private const int MessagePrefixLength = 5;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>() is null)
        {
            await next(context);
            return;
        }

        if (!HttpProtocol.IsHttp2(context.Request.Protocol))
        {
            // gRPC needs HTTP/2 trailers: an HTTP/1.1 request (say, to the health port) cannot be a call.
            context.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            return;
        }

        if (await OversizeAsync(context, options.Value.MaxRequestBodySize) is { } tooLarge)
        {
            await GrpcRefusal.WriteAsync(context, StatusCode.ResourceExhausted, tooLarge);
            return;
        }

        await next(context);
    }

    /// <summary>
    /// Why the request is too large, or null. Judged on the Content-Length when the client sent one, else on the
    /// first message's length prefix, peeked without consuming it: refusing before forwarding gives the caller a
    /// status instead of a reset stream halfway through the proxying.
    /// </summary>
    private static async Task<string?> OversizeAsync(HttpContext context, long limit)
    {
        if (context.Request.ContentLength is { } length && length > limit)
            return TooLarge(length, limit);

        var reader = context.Request.BodyReader;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(context.RequestAborted);
                var buffer = result.Buffer;
                if (buffer.Length >= MessagePrefixLength)
                {
                    var declared = DeclaredLength(buffer);
                    // Nothing consumed or examined: the proxy's first read returns at once with all that has arrived.
                    reader.AdvanceTo(buffer.Start, buffer.Start);
                    return MessagePrefixLength + declared > limit ? TooLarge(MessagePrefixLength + declared, limit) : null;
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted) return null; // An empty or truncated body: the service judges it.
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(null, limit);
        }
    }

    private static long DeclaredLength(ReadOnlySequence<byte> buffer)
    {
        Span<byte> prefix = stackalloc byte[MessagePrefixLength];
        buffer.Slice(0, MessagePrefixLength).CopyTo(prefix);
        return BinaryPrimitives.ReadUInt32BigEndian(prefix[1..]);
    }

    private static string TooLarge(long? size, long limit) => size is { } bytes
        ? $"The request is {bytes} bytes; the gateway accepts at most {limit} bytes per call."
        : $"The request is larger than the {limit} bytes the gateway accepts per call.";
}
