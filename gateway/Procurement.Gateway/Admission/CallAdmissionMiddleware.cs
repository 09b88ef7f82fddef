using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Options;
using Procurement.Gateway.Routing;
using Procurement.Identity;
using Yarp.ReverseProxy.Model;

namespace Procurement.Gateway.Admission;

/// <summary>
/// The last check before a call is forwarded, after its token and roles passed (ASP.NET Core authorization): the
/// gateway receives the call's request message whole, within Gateway:MaxRequestBodySize (else RESOURCE_EXHAUSTED) and
/// Gateway:RequestMessageTimeout (else DEADLINE_EXCEEDED), and forwards it from memory. A service is thus never handed
/// a stream that stalls or overflows halfway, and the caller hears a status rather than a reset stream.
/// </summary>
/// <remarks>
/// YARP lifts Kestrel's body size limit of every gRPC request it forwards (it assumes streaming). On a body already
/// read that limit is read-only, which YARP reports as "Unable to disable max request body size." on every call. Here the
/// body is read whole first, within the gateway's own limit, so the limit has nothing left to guard: the feature is
/// taken away before YARP looks, and YARP reads the gateway's copy. A client-streaming method (none is routed today)
/// is passed through as it streams, under Kestrel's limit alone.
/// </remarks>
internal sealed class CallAdmissionMiddleware(RequestDelegate next, IOptions<GatewayOptions> options, GatewayRouteTable routes, [FromKeyedServices(GatewayOptions.ElapsedTimeKey)] TimeProvider clock)
{
    private const int MessagePrefixLength = 5;
    private const int ChunkSize = 16 * 1024;

    private readonly long _limit = options.Value.MaxRequestBodySize;
    private readonly TimeSpan _timeout = options.Value.RequestMessageTimeout;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>() is null
            || routes.FindMethod(context.Request.Path.Value) is not { IsClientStreaming: false })
        {
            await next(context);
            return;
        }

        if (await ReceiveRequestMessageAsync(context) is { } refusal)
        {
            await GrpcRefusal.WriteAsync(context, refusal.Status, refusal.Message);
            return;
        }
        await next(context);
    }

    /// <summary>Reads the body whole into memory and puts the copy in its place; or why the call is refused.</summary>
    private async Task<(StatusCode Status, string Message)?> ReceiveRequestMessageAsync(HttpContext context)
    {
        if (context.Request.ContentLength is { } length && length > _limit) return TooLarge(length);

        // The gateway's own time limit stands in for Kestrel's minimum data rate, which YARP would lift anyway.
        if (context.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate) rate.MinDataRate = null;
        using var timeout = new CancellationTokenSource(_timeout, clock);
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, context.RequestAborted);
        var copy = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk.AsMemory(0, ChunkSize), reading.Token)) > 0)
            {
                var prefixBefore = copy.Length < MessagePrefixLength;
                copy.Write(chunk, 0, read);
                if (copy.Length > _limit) return TooLarge(null);
                if (prefixBefore && copy.Length >= MessagePrefixLength)
                {
                    // Judged on the first message's length prefix: a large message is refused before it is sent.
                    var declared = MessagePrefixLength + DeclaredLength(copy.GetBuffer());
                    if (declared > _limit) return TooLarge(declared);
                    copy.Capacity = (int)Math.Max(copy.Length, declared);
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
        {
            return (StatusCode.DeadlineExceeded,
                $"The request message did not arrive within {Seconds(_timeout)} s ({copy.Length.ToString(CultureInfo.InvariantCulture)} bytes came); the gateway waits no longer for a request.");
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            return (StatusCode.Cancelled, "The call was cancelled by the client.");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        copy.Position = 0;
        context.Request.Body = copy;
        context.Response.RegisterForDispose(copy);
        context.Features.Set<IHttpMaxRequestBodySizeFeature>(null);
        return null;
    }

    private static long DeclaredLength(byte[] buffer) => BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(1, 4));

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString(CultureInfo.InvariantCulture);

    private (StatusCode, string) TooLarge(long? size) => (StatusCode.ResourceExhausted, size is { } bytes
        ? $"The request is {bytes.ToString(CultureInfo.InvariantCulture)} bytes; the gateway accepts at most {_limit.ToString(CultureInfo.InvariantCulture)} bytes per call."
        : $"The request is larger than the {_limit.ToString(CultureInfo.InvariantCulture)} bytes the gateway accepts per call.");
}
