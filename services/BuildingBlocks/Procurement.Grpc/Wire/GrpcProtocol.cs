namespace Procurement.Grpc;

/// <summary>Names and numbers of gRPC over HTTP/2 (doc/PROTOCOL-HTTP2.md).</summary>
internal static class GrpcProtocol
{
    public const string ContentType = "application/grpc";
    public const string StatusHeader = "grpc-status";
    public const string MessageHeader = "grpc-message";
    public const string TimeoutHeader = "grpc-timeout";
    public const string EncodingHeader = "grpc-encoding";
    public const string AcceptEncodingHeader = "grpc-accept-encoding";
    public const string UserAgent = "procurement-grpc-dotnet/1.0";

    /// <summary>HTTP/2 RST_STREAM error codes (RFC 9113 §7).</summary>
    public const int Http2RefusedStream = 0x7;
    public const int Http2Cancel = 0x8;
    public const int Http2EnhanceYourCalm = 0xB;
    public const int Http2InadequateSecurity = 0xC;

    public const int DefaultMaxReceiveMessageSize = 4 * 1024 * 1024;

    /// <summary>"application/grpc", "application/grpc+proto", "application/grpc; charset=…"; not "application/grpc-web".</summary>
    public static bool IsGrpcContentType(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase)) return false;
        if (contentType.Length == ContentType.Length) return true;
        var next = contentType[ContentType.Length];
        return next is '+' or ';';
    }

    /// <summary>The status a client reports for an HTTP response that carries no grpc-status.</summary>
    public static StatusCode StatusFromHttpStatus(int httpStatus) => httpStatus switch
    {
        400 or 431 => StatusCode.Internal,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.Unimplemented,
        429 or 502 or 503 or 504 => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    /// <summary>The status a client reports when the server resets the stream.</summary>
    public static StatusCode StatusFromHttp2Reset(long errorCode) => errorCode switch
    {
        Http2RefusedStream => StatusCode.Unavailable,
        Http2Cancel => StatusCode.Cancelled,
        Http2EnhanceYourCalm => StatusCode.ResourceExhausted,
        Http2InadequateSecurity => StatusCode.PermissionDenied,
        _ => StatusCode.Internal,
    };
}
