using System.Globalization;
using System.Net;
using System.Security.Claims;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;

namespace Procurement.Grpc;

/// <summary>
/// One server call on ASP.NET Core: validates the request, reads and writes framed messages,
/// runs the deadline, and ends the call with exactly one status.
/// </summary>
internal sealed partial class HttpServerCall : ServerCallContext
{
    private readonly HttpContext _http;
    private readonly Method _method;
    private readonly GrpcServerRuntime _runtime;
    private CancellationTokenSource? _deadlineCts;
    private ITimer? _deadlineTimer;
    private Task? _deadlineTask;
    private SemaphoreSlim? _writeLock;
    private DateTime _deadline = DateTime.MaxValue;
    private string? _requestEncoding;
    private string? _responseEncoding;
    private bool _responseEncodingApplied;
    private bool _bodyStarted;
    private bool _completed;
    private Metadata? _requestHeaders;
    private Metadata? _responseTrailers;

    public HttpServerCall(HttpContext http, Method method, GrpcServerRuntime runtime)
    {
        _http = http;
        _method = method;
        _runtime = runtime;
        _responseEncoding = runtime.Options.ResponseEncoding;
    }

    public override string Method => _method.FullName;
    public override string Host => _http.Request.Host.Value ?? "";
    public override string Peer => FormatPeer(_http.Connection.RemoteIpAddress, _http.Connection.RemotePort);
    public override DateTime Deadline => _deadline;
    public override Metadata RequestHeaders => _requestHeaders ??= MetadataHeaders.FromRequestHeaders(_http.Request.Headers);
    public override CancellationToken CancellationToken => _deadlineCts?.Token ?? _http.RequestAborted;
    public override Metadata ResponseTrailers => _responseTrailers ??= new Metadata();
    public override Status Status { get; set; } = Status.DefaultSuccess;
    public override WriteOptions? WriteOptions { get; set; }
    public override bool LastRequestCompressed => _lastRequestCompressed;
    public override ClaimsPrincipal User => _http.User;
    public override HttpContext HttpContext => _http;

    public override string? ResponseEncoding
    {
        get => _responseEncoding;
        set
        {
            if (_responseEncodingApplied) throw new InvalidOperationException("The response encoding must be set before the response starts.");
            if (!Compression.IsSupported(value)) throw new ArgumentException($"Unsupported response encoding '{value}'.", nameof(value));
            _responseEncoding = value;
        }
    }

    private bool _lastRequestCompressed;
    private Action<bool>? _onCompressedFlag;
    private Action<bool> OnCompressedFlag => _onCompressedFlag ??= flag => _lastRequestCompressed = flag;

    /// <summary>Checks protocol, content type and encoding; answers and returns false when the call cannot proceed.</summary>
    public bool Begin()
    {
        var request = _http.Request;
        var response = _http.Response;
        if (!HttpProtocol.IsHttp2(request.Protocol) && !HttpProtocol.IsHttp3(request.Protocol))
        {
            response.StatusCode = StatusCodes.Status426UpgradeRequired;
            response.Headers.Upgrade = "h2c";
            return false;
        }
        if (!GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return false;
        }

        response.ContentType = GrpcProtocol.ContentType;
        var encoding = request.Headers[GrpcProtocol.EncodingHeader].ToString();
        if (encoding.Length > 0)
        {
            if (!Compression.IsSupported(encoding))
            {
                response.Headers[GrpcProtocol.AcceptEncodingHeader] = Compression.AcceptEncoding;
                WriteStatus(new Status(StatusCode.Unimplemented,
                    $"Unsupported grpc-encoding '{encoding}'; this server accepts {Compression.AcceptEncoding}."), null);
                _completed = true;
                return false;
            }
            _requestEncoding = encoding;
        }

        // gRPC enforces its own per-message limits; streaming calls may be long and quiet.
        if (_http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } maxBody) maxBody.MaxRequestBodySize = null;
        if (_http.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } minRate) minRate.MinDataRate = null;

        if (GrpcTimeout.TryParse(request.Headers[GrpcProtocol.TimeoutHeader].ToString(), out var timeout))
            StartDeadline(timeout);
        return true;
    }

    private void StartDeadline(TimeSpan timeout)
    {
        var clock = _runtime.Options.TimeProvider;
        _deadline = GrpcTimeout.DeadlineFrom(clock.GetUtcNow().UtcDateTime, timeout);
        if (timeout > GrpcTimeout.MaxTimerDelay) return;
        _deadlineCts = CancellationTokenSource.CreateLinkedTokenSource(_http.RequestAborted);
        _writeLock = new SemaphoreSlim(1, 1);
        _deadlineTimer = clock.CreateTimer(static state => ((HttpServerCall)state!).OnDeadline(), this, timeout, Timeout.InfiniteTimeSpan);
    }

    private void OnDeadline() => _deadlineTask = DeadlineExceededAsync();

    private async Task DeadlineExceededAsync()
    {
        try { _deadlineCts!.Cancel(); }
        catch (AggregateException ex) { LogCancellationCallbackFailed(_runtime.Logger, ex, Method); }

        // A write stuck behind flow control must not hold the status back for long.
        if (!await _writeLock!.WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false))
        {
            _http.Features.Get<IHttpResetFeature>()?.Reset(GrpcProtocol.Http2Cancel);
            return;
        }
        try
        {
            if (_completed) return;
            _completed = true;
            WriteStatus(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"), null);
            await _http.Response.CompleteAsync().ConfigureAwait(false);
            try { _http.Features.Get<IHttpResetFeature>()?.Reset(GrpcProtocol.Http2Cancel); }
            catch (InvalidOperationException) { /* the stream already ended */ }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
        {
            // The client went away at the same moment; nothing is left to tell it.
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async ValueTask<T> ReadSingleRequestAsync<T>(MessageParser<T> parser) where T : class, IMessage<T>
    {
        var reader = _http.Request.BodyReader;
        var max = _runtime.Options.MaxReceiveMessageSize;
        var message = await MessageFraming.ReadAsync(reader, parser, max, _requestEncoding, OnCompressedFlag, CancellationToken).ConfigureAwait(false)
            ?? throw new RpcException(StatusCode.Internal, "No request message was received for a unary call.");
        var compressed = _lastRequestCompressed;
        if (await MessageFraming.ReadAsync(reader, parser, max, _requestEncoding, null, CancellationToken).ConfigureAwait(false) is not null)
            throw new RpcException(StatusCode.Internal, "More than one request message was received for a unary call.");
        _lastRequestCompressed = compressed;
        return message;
    }

    public ValueTask<T?> ReadRequestAsync<T>(MessageParser<T> parser, CancellationToken cancellationToken) where T : class, IMessage<T> =>
        MessageFraming.ReadAsync(_http.Request.BodyReader, parser, _runtime.Options.MaxReceiveMessageSize, _requestEncoding,
            OnCompressedFlag, cancellationToken.CanBeCanceled ? cancellationToken : CancellationToken);

    public override async Task WriteResponseHeadersAsync(Metadata responseHeaders)
    {
        if (!await EnterWriteAsync().ConfigureAwait(false)) return;
        try
        {
            if (_bodyStarted || _http.Response.HasStarted)
                throw new InvalidOperationException("Response headers have already been sent.");
            MetadataHeaders.WriteTo(responseHeaders, _http.Response.Headers);
            ApplyResponseEncoding();
            _bodyStarted = true;
            await _http.Response.BodyWriter.FlushAsync(CancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ExitWrite();
        }
    }

    /// <summary>Writes one message of a streaming response and flushes it.</summary>
    public async Task WriteStreamMessageAsync(IMessage message, WriteOptions? options, CancellationToken cancellationToken)
    {
        if (!await EnterWriteAsync().ConfigureAwait(false)) return;
        try
        {
            if (_completed) return;
            WriteMessage(message, options);
            await _http.Response.BodyWriter.FlushAsync(cancellationToken.CanBeCanceled ? cancellationToken : CancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ExitWrite();
        }
    }

    /// <summary>Ends a unary or client-streaming call: the response message (unless a status was set), then the status.</summary>
    public async Task EndWithResponseAsync(IMessage response)
    {
        if (!await EnterWriteAsync().ConfigureAwait(false)) return;
        try
        {
            if (_completed) return;
            if (Status.StatusCode == StatusCode.OK)
            {
                try
                {
                    WriteMessage(response, WriteOptions);
                }
                catch (RpcException ex)
                {
                    Status = ex.Status;
                }
            }
            WriteStatus(Status, _responseTrailers);
            _completed = true;
        }
        finally
        {
            ExitWrite();
        }
    }

    /// <summary>Ends a streaming call whose handler returned: the status the handler left, OK by default.</summary>
    public async Task EndAsync()
    {
        if (!await EnterWriteAsync().ConfigureAwait(false)) return;
        try
        {
            if (_completed) return;
            WriteStatus(Status, _responseTrailers);
            _completed = true;
        }
        finally
        {
            ExitWrite();
        }
    }

    public async Task EndWithExceptionAsync(Exception exception)
    {
        Status status;
        Metadata? trailers = _responseTrailers;
        switch (exception)
        {
            case RpcException rpc:
                status = rpc.Status;
                trailers = Merge(_responseTrailers, rpc.Trailers);
                break;
            case OperationCanceledException or IOException when _http.RequestAborted.IsCancellationRequested:
                status = new Status(StatusCode.Cancelled, "The call was cancelled by the client.");
                break;
            case OperationCanceledException when _deadlineCts is { IsCancellationRequested: true }:
                status = new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
                break;
            default:
                LogHandlerFailed(_runtime.Logger, exception, Method);
                status = new Status(StatusCode.Unknown, "Exception was thrown by handler.");
                break;
        }

        if (!await EnterWriteAsync().ConfigureAwait(false)) return;
        try
        {
            if (_completed) return;
            Status = status;
            WriteStatus(status, trailers);
            _completed = true;
        }
        finally
        {
            ExitWrite();
        }
    }

    /// <summary>Waits for a deadline that fired, then releases the timer and token source.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_deadlineTimer is not null)
        {
            await _deadlineTimer.DisposeAsync().ConfigureAwait(false);
            if (_deadlineTask is { } pending) await pending.ConfigureAwait(false);
            _deadlineCts!.Dispose();
            _writeLock!.Dispose();
        }
    }

    private void WriteMessage(IMessage message, WriteOptions? options)
    {
        ApplyResponseEncoding();
        var compress = _responseEncodingApplied && Compression.IsCompressing(_responseEncoding) && options is not { NoCompress: true };
        MessageFraming.Write(_http.Response.BodyWriter, message, compress ? _responseEncoding : null, _runtime.Options.MaxSendMessageSize);
        _bodyStarted = true;
    }

    /// <summary>Declares grpc-encoding once, only when the client accepts the chosen encoding.</summary>
    private void ApplyResponseEncoding()
    {
        if (_bodyStarted || _responseEncodingApplied) return;
        if (Compression.IsCompressing(_responseEncoding)
            && Compression.IsAccepted(_http.Request.Headers[GrpcProtocol.AcceptEncodingHeader].ToString(), _responseEncoding!))
        {
            _http.Response.Headers[GrpcProtocol.EncodingHeader] = _responseEncoding;
            _responseEncodingApplied = true;
        }
    }

    /// <summary>The status sent to the client, once it has been (what the call's span and metrics record).</summary>
    public Status? WrittenStatus { get; private set; }

    private void WriteStatus(Status status, Metadata? trailers)
    {
        WrittenStatus = status;
        var response = _http.Response;
        var code = ((int)status.StatusCode).ToString(CultureInfo.InvariantCulture);
        if (_bodyStarted || response.HasStarted)
        {
            var target = _http.Features.Get<IHttpResponseTrailersFeature>()?.Trailers
                ?? throw new InvalidOperationException("This server does not support HTTP trailers, which gRPC needs.");
            target[GrpcProtocol.StatusHeader] = code;
            if (!string.IsNullOrEmpty(status.Detail)) target[GrpcProtocol.MessageHeader] = StatusMessageEncoding.Encode(status.Detail);
            if (trailers is not null) MetadataHeaders.WriteTo(trailers, target);
        }
        else
        {
            // Trailers-Only: the status travels in the one HEADERS frame, which ends the stream.
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = GrpcProtocol.ContentType;
            response.Headers[GrpcProtocol.StatusHeader] = code;
            if (!string.IsNullOrEmpty(status.Detail)) response.Headers[GrpcProtocol.MessageHeader] = StatusMessageEncoding.Encode(status.Detail);
            if (trailers is not null) MetadataHeaders.WriteTo(trailers, response.Headers);
        }
    }

    private async ValueTask<bool> EnterWriteAsync()
    {
        if (_writeLock is null) return !_completed;
        await _writeLock.WaitAsync().ConfigureAwait(false);
        if (!_completed) return true;
        _writeLock.Release();
        return false;
    }

    private void ExitWrite() => _writeLock?.Release();

    private static Metadata? Merge(Metadata? first, Metadata second)
    {
        if (first is null || first.Count == 0) return second;
        foreach (var entry in second) first.Add(entry);
        return first;
    }

    private static string FormatPeer(IPAddress? address, int port) => address switch
    {
        null => "unknown",
        { AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6 } => $"ipv6:[{address}]:{port}",
        _ => $"ipv4:{address}:{port}",
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "gRPC handler for {Method} threw an unexpected exception")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string method);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A cancellation callback failed when the deadline of {Method} passed")]
    private static partial void LogCancellationCallbackFailed(ILogger logger, Exception exception, string method);
}
