using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Procurement.Grpc;

/// <summary>Answers gRPC requests for paths no service serves: Trailers-Only UNIMPLEMENTED.</summary>
internal static class UnknownMethod
{
    public static Task HandleAsync(HttpContext context, GrpcServerRuntime runtime)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || !GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        var path = request.Path.Value ?? "";
        var parts = path.TrimStart('/').Split('/', 2);
        var detail = parts.Length == 2 && runtime.IsServed(parts[0])
            ? $"Method {parts[1]} is not implemented by service {parts[0]}."
            : $"Service {parts[0]} is not served here.";

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.StatusHeader] = ((int)StatusCode.Unimplemented).ToString(CultureInfo.InvariantCulture);
        response.Headers[GrpcProtocol.MessageHeader] = StatusMessageEncoding.Encode(detail);
        return Task.CompletedTask;
    }
}
