using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Reflection;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Procurement.Contracts.Common.V1;
using Procurement.Identity;

namespace Procurement.Hosting;

/// <summary>
/// A request whose bytes are not a valid message of its type (most often a text field that is not UTF-8, which
/// proto3 forbids) fails in ASP.NET Core's gRPC layer before any interceptor, and would reach the caller as UNKNOWN.
/// This middleware reads a unary or server-streaming call's request (without consuming it: the gRPC layer reads the
/// same bytes afterwards), and refuses one that does not decode with INVALID_ARGUMENT, naming the text field that is
/// not UTF-8 when that is the fault. Compressed requests and requests over the size limit are left to the gRPC layer.
/// </summary>
public sealed class RequestDecodingMiddleware(RequestDelegate next)
{
    private const int MaxChecked = 4 * 1024 * 1024;
    private static readonly ConcurrentDictionary<Type, MessageDescriptor?> Descriptors = new();
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public async Task InvokeAsync(HttpContext context)
    {
        var method = context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method;
        if (method is null || method.Type is not (MethodType.Unary or MethodType.ServerStreaming)
            || DescriptorOf(method) is not { } descriptor || !GrpcRefusal.IsGrpcCall(context.Request))
        {
            await next(context);
            return;
        }

        var reader = context.Request.BodyReader;
        ReadResult result;
        while (true)
        {
            result = await reader.ReadAsync(context.RequestAborted);
            if (result.IsCompleted || result.IsCanceled || result.Buffer.Length > MaxChecked) break;
            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
        var problem = result.IsCompleted ? Check(result.Buffer, descriptor) : null;
        // Nothing consumed: the gRPC layer reads the whole request again.
        reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        if (problem is { } refusal)
        {
            await WriteAsync(context, refusal);
            return;
        }
        await next(context);
    }

    /// <summary>Why these bytes (one gRPC frame) are not a message of this type, or null when they are (or are not ours to judge).</summary>
    internal static RpcException? Check(ReadOnlySequence<byte> frame, MessageDescriptor descriptor)
    {
        if (frame.Length < 5) return null;
        Span<byte> prefix = stackalloc byte[5];
        frame.Slice(0, 5).CopyTo(prefix);
        if (prefix[0] != 0 || BinaryPrimitives.ReadUInt32BigEndian(prefix[1..]) != frame.Length - 5) return null;
        var payload = frame.Slice(5);
        try
        {
            descriptor.Parser.ParseFrom(payload);
            return null;
        }
        catch (InvalidProtocolBufferException problem)
        {
            var bytes = payload.ToArray();
            if (FindInvalidText(descriptor, bytes, "", 0) is { } path)
                return FieldViolations.ToRpcException(StatusCode.InvalidArgument, $"Invalid field: {path}.", [(path, "is not valid UTF-8 text")]);
            return new RpcException(new Status(StatusCode.InvalidArgument,
                $"The request is not a well-formed {descriptor.Name} message: {problem.Message.TrimEnd('.')}."));
        }
    }

    /// <summary>The path of the first text field whose bytes are not UTF-8, walking the wire format with the descriptor.</summary>
    private static string? FindInvalidText(MessageDescriptor descriptor, byte[] bytes, string prefix, int depth)
    {
        if (depth > 16) return null;
        var counts = new Dictionary<int, int>();
        try
        {
            var input = new CodedInputStream(bytes);
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                var number = WireFormat.GetTagFieldNumber(tag);
                var field = descriptor.FindFieldByNumber(number);
                if (field is null || WireFormat.GetTagWireType(tag) != WireFormat.WireType.LengthDelimited)
                {
                    input.SkipLastField();
                    continue;
                }
                var index = counts[number] = counts.GetValueOrDefault(number, -1) + 1;
                var path = field.IsRepeated ? $"{prefix}{field.Name}[{index}]" : prefix + field.Name;
                var value = input.ReadBytes().ToByteArray();
                if (field.FieldType == FieldType.String)
                {
                    try
                    {
                        StrictUtf8.GetCharCount(value);
                    }
                    catch (DecoderFallbackException)
                    {
                        return path;
                    }
                }
                else if (field.FieldType == FieldType.Message && !field.IsMap && FindInvalidText(field.MessageType, value, path + ".", depth + 1) is { } inner)
                {
                    return inner;
                }
            }
        }
        catch (InvalidProtocolBufferException)
        {
            // Broken framing further on: no text field to name.
        }
        return null;
    }

    private static MessageDescriptor? DescriptorOf(IMethod method) => Descriptors.GetOrAdd(method.GetType(), static type =>
    {
        var request = type.IsGenericType ? type.GetGenericArguments()[0] : null;
        return request?.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as MessageDescriptor;
    });

    private static Task WriteAsync(HttpContext context, RpcException refusal)
    {
        var write = GrpcRefusal.WriteAsync(context, refusal.StatusCode, refusal.Status.Detail);
        if (refusal.Trailers.GetValueBytes("grpc-status-details-bin") is { } details)
            context.Response.Headers["grpc-status-details-bin"] = Convert.ToBase64String(details).TrimEnd('=');
        return write;
    }
}
