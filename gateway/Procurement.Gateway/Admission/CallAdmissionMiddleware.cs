using System.Buffers;
using System.Buffers.Binary;
using Microsoft.Extensions.Options;
using Procurement.Grpc;
using Procurement.Identity;

namespace Procurement.Gateway.Admission;

/// <summary>
/// Lets a call through to its service only with a valid token (else UNAUTHENTICATED, or UNAVAILABLE when the
/// identity provider's keys cannot be fetched), the roles its route needs (else PERMISSION_DENIED naming them)
/// and a request within the size limit (else RESOURCE_EXHAUSTED). Runs after the rate limiter.
/// </summary>
internal sealed class CallAdmissionMiddleware(RequestDelegate next, IOptions<GatewayOptions> options)
{
    private const int MessagePrefixLength = 5;

    public async Task InvokeAsync(HttpContext context)
    {
        if (GatewayCall.Find(context) is not { } call)
        {
            await next(context);
            return;
        }

        if (call.Token is not { Caller: { } caller } token)
        {
            var refused = call.Token;
            await GrpcRefusal.WriteAsync(context,
                refused?.Failure == TokenFailure.KeysUnavailable ? StatusCode.Unavailable : StatusCode.Unauthenticated,
                refused?.Message ?? "This call needs a bearer token in the 'authorization' header; sign in first.");
            return;
        }

        if (call.Route.RolesFor(call.Method) is { } required && !required.IsMetBy(caller))
        {
            await GrpcRefusal.WriteAsync(context, StatusCode.PermissionDenied,
                $"{call.Method} needs {required.Describe()}; you have {string.Join(", ", caller.Roles.Select(r => r.ToName()).Order(StringComparer.Ordinal))}.");
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
