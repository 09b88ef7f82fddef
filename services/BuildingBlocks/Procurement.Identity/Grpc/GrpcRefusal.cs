using System.Globalization;
using System.Text;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Procurement.Identity;

/// <summary>
/// Refuses a call before any handler runs, the way a gRPC server does: Trailers-Only (HTTP 200, application/grpc,
/// grpc-status and grpc-message in the one HEADERS frame). gRPC clients read statuses, not HTTP 401/403 bodies.
/// </summary>
public static class GrpcRefusal
{
    public static Task WriteAsync(HttpContext context, StatusCode status, string message)
    {
        var response = context.Response;
        if (response.HasStarted) throw new InvalidOperationException("A call can be refused only before its response has started.");
        response.Clear();
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)status).ToString(CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = PercentEncode(message);
        return Task.CompletedTask;
    }

    /// <summary>Whether the request is a gRPC call (POST, content type application/grpc or application/grpc+…).</summary>
    public static bool IsGrpcCall(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && request.ContentType is { } type
        && type.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase)
        && (type.Length == "application/grpc".Length || type["application/grpc".Length] is '+' or ';');

    // grpc-message is UTF-8, percent-encoded outside 0x20–0x7E and for '%' itself (PROTOCOL-HTTP2.md).
    private static string PercentEncode(string message)
    {
        var builder = new StringBuilder(message.Length);
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            if (b is >= 0x20 and <= 0x7E && b != (byte)'%') builder.Append((char)b);
            else builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }
}
