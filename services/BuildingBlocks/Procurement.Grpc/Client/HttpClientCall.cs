using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace Procurement.Grpc;

/// <summary>
/// One client call over HTTP/2: sends the request, reads framed messages and the status, enforces
/// the deadline, and turns every failure into an <see cref="RpcException"/> with the right code.
/// </summary>
internal sealed class HttpClientCall<TRequest, TResponse> : IAsyncStreamReader<TResponse>, IClientStreamWriter<TRequest>
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private static readonly ProductInfoHeaderValue UserAgent = ProductInfoHeaderValue.Parse(GrpcProtocol.UserAgent);

    private readonly GrpcChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    private readonly CancellationTokenSource _cts;
    private readonly TaskCompletionSource<Metadata> _headers = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private ITimer? _deadlineTimer;
    private volatile bool _deadlineExceeded;
    private volatile bool _cancelledByCaller;
    private Task<HttpResponseMessage>? _responseTask;
    private HttpResponseMessage? _response;
    private PipeReader? _reader;
    private string? _responseEncoding;
    private StreamingRequestContent? _requestContent;
    private ArrayBufferWriter<byte>? _writeBuffer;
    private int _writePending;
    private bool _requestCompleted;
    private Status? _status;
    private Metadata? _trailers;
    private TResponse? _current;
    private bool _disposed;
    private Activity? _activity;
    private long _started;

    public HttpClientCall(GrpcChannel channel, Method<TRequest, TResponse> method, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _options = options;
        _cts = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken);
        // Observe the headers task so an unobserved failure never surfaces as an unhandled exception.
        _headers.Task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    public Task<Metadata> ResponseHeadersAsync => _headers.Task;
    public TResponse Current => _current ?? throw new InvalidOperationException("MoveNext has not returned true.");
    public WriteOptions? WriteOptions { get; set; }

    public Status GetStatus() => _status ?? throw new InvalidOperationException("The call has not finished yet: status is known once the response has been read to the end.");
    public Metadata GetTrailers() => _trailers ?? throw new InvalidOperationException("The call has not finished yet: trailers are known once the response has been read to the end.");

    // ---- starting -------------------------------------------------------------------------------

    public async Task<TResponse> UnaryAsync(TRequest request)
    {
        try
        {
            StartWithMessage(request);
            return await ReadSingleResponseAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            throw Fail(ex);
        }
        finally
        {
            Cleanup();
        }
    }

    public void StartServerStreaming(TRequest request)
    {
        try
        {
            StartWithMessage(request);
        }
        catch (Exception ex)
        {
            var failure = Fail(ex);
            _responseTask = Task.FromException<HttpResponseMessage>(failure);
        }
    }

    public void StartStreamingRequest()
    {
        _requestContent = new StreamingRequestContent();
        try
        {
            Send(_requestContent);
            WatchForEarlyEnd(_responseTask!);
        }
        catch (Exception ex)
        {
            var failure = Fail(ex);
            _responseTask = Task.FromException<HttpResponseMessage>(failure);
        }
    }

    public async Task<TResponse> ClientStreamingResponseAsync()
    {
        try
        {
            return await ReadSingleResponseAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            throw Fail(ex);
        }
        finally
        {
            Cleanup();
        }
    }

    private void StartWithMessage(TRequest request)
    {
        var encoding = RequestEncoding;
        var buffer = new ArrayBufferWriter<byte>(MessageFraming.HeaderSize + 256);
        MessageFraming.Write(buffer, request, _options.WriteOptions is { NoCompress: true } ? null : encoding, _channel.Options.MaxSendMessageSize);
        Send(new FramedMessageContent(buffer.WrittenSpan.ToArray()));
    }

    private string? RequestEncoding => Compression.IsCompressing(_options.RequestEncoding) ? _options.RequestEncoding : null;

    private void Send(HttpContent content)
    {
        if (_options.RequestEncoding is { } requested && !Compression.IsSupported(requested))
            throw new RpcException(StatusCode.InvalidArgument, $"Unsupported request encoding '{requested}'; use gzip or deflate.");

        var request = new HttpRequestMessage(HttpMethod.Post, _channel.GetMethodUri(_method))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        var headers = request.Headers;
        headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        headers.UserAgent.Add(UserAgent);
        headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, Compression.AcceptEncoding);
        if (RequestEncoding is { } encoding) headers.TryAddWithoutValidation(GrpcProtocol.EncodingHeader, encoding);
        if (_options.Headers is { } metadata) MetadataHeaders.WriteTo(metadata, headers);
        var previous = StartActivity(headers);

        if (_options.Deadline is { } deadline)
        {
            var clock = _channel.Options.TimeProvider;
            var remaining = deadline.ToUniversalTime() - clock.GetUtcNow().UtcDateTime;
            if (remaining <= TimeSpan.Zero)
            {
                _deadlineExceeded = true;
                throw new OperationCanceledException("The deadline passed before the call started.");
            }
            headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(remaining));
            if (remaining <= GrpcTimeout.MaxTimerDelay)
                _deadlineTimer = clock.CreateTimer(static state => ((HttpClientCall<TRequest, TResponse>)state!).OnDeadline(),
                    this, remaining, Timeout.InfiniteTimeSpan);
        }

        try
        {
            _responseTask = _channel.Invoker.SendAsync(request, _cts.Token);
        }
        finally
        {
            // The span is current only while the request starts (the HTTP handler's own activity, if any,
            // becomes its child); the caller's flow keeps its own current activity.
            Activity.Current = previous;
        }
    }

    /// <summary>
    /// Starts the client span (a child of the current activity) and puts W3C trace context in the request:
    /// the span's, or when nothing records spans, the current activity's, so the trace carries on either
    /// way. Returns the activity that was current before.
    /// </summary>
    private Activity? StartActivity(HttpRequestHeaders headers)
    {
        var previous = Activity.Current;
        _started = Stopwatch.GetTimestamp();
        _activity = GrpcDiagnostics.Source.StartActivity(GrpcDiagnostics.SpanName(_method.FullName), ActivityKind.Client);
        if (_activity is { IsAllDataRequested: true })
        {
            GrpcDiagnostics.SetCallTags(_activity, _method.FullName);
            _activity.SetTag("server.address", _channel.Address.Host);
            _activity.SetTag("server.port", _channel.Address.Port);
        }
        if ((_activity ?? previous) is { } propagated && TraceContext.TraceParentOf(propagated) is { } traceParent)
        {
            headers.Remove(TraceContext.TraceParentHeader);
            headers.Remove(TraceContext.TraceStateHeader);
            headers.TryAddWithoutValidation(TraceContext.TraceParentHeader, traceParent);
            if (!string.IsNullOrEmpty(propagated.TraceStateString))
                headers.TryAddWithoutValidation(TraceContext.TraceStateHeader, propagated.TraceStateString);
        }
        return previous;
    }

    private void OnDeadline()
    {
        _deadlineExceeded = true;
        try { _cts.Cancel(); }
        catch (ObjectDisposedException) { /* the call already ended */ }
    }

    // ---- reading --------------------------------------------------------------------------------

    /// <summary>Waits for the response headers; returns false when the call already ended (Trailers-Only or HTTP error).</summary>
    private async ValueTask<bool> EnsureResponseAsync()
    {
        if (_reader is not null) return true;
        if (_status is not null) return false;

        var response = await _responseTask!.ConfigureAwait(false);
        _response = response;
        if (EndedByHeaders(response)) return false;

        var contentType = response.Content.Headers.ContentType?.MediaType;
        if (!GrpcProtocol.IsGrpcContentType(contentType))
            throw new RpcException(StatusCode.Internal, $"Bad gRPC response: content-type '{contentType}'.");

        _responseEncoding = response.Headers.TryGetValues(GrpcProtocol.EncodingHeader, out var encodings) ? encodings.FirstOrDefault() : null;
        if (!Compression.IsSupported(_responseEncoding))
            throw new RpcException(StatusCode.Internal, $"Response uses unsupported grpc-encoding '{_responseEncoding}'.");

        _headers.TrySetResult(MetadataHeaders.FromHttpHeaders(response.Headers));
        var stream = await response.Content.ReadAsStreamAsync(_cts.Token).ConfigureAwait(false);
        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, minimumReadSize: 4 * 1024));
        return true;
    }

    /// <summary>
    /// An answer that ends the call in its headers: an HTTP error, or Trailers-Only (headers and
    /// trailers in one). Records the status before publishing the headers, so a caller woken by the
    /// headers already sees the call as ended.
    /// </summary>
    private bool EndedByHeaders(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var code = GrpcProtocol.StatusFromHttpStatus((int)response.StatusCode);
            var status = ReadStatus(response.Headers)
                ?? new Status(code, $"Bad gRPC response: HTTP status {(int)response.StatusCode} {response.ReasonPhrase}.");
            Finish(status, MetadataHeaders.FromHttpHeaders(response.Headers));
            _headers.TrySetResult(new Metadata());
            return true;
        }
        if (ReadStatus(response.Headers) is { } trailersOnly)
        {
            var metadata = MetadataHeaders.FromHttpHeaders(response.Headers);
            Finish(trailersOnly, metadata);
            _headers.TrySetResult(metadata);
            return true;
        }
        return false;
    }

    /// <summary>For calls that stream requests: notice at once when the server's answer ended the call.</summary>
    private void WatchForEarlyEnd(Task<HttpResponseMessage> responseTask) =>
        responseTask.ContinueWith(static (task, state) =>
        {
            if (task.IsCompletedSuccessfully) ((HttpClientCall<TRequest, TResponse>)state!).EndedByHeaders(task.Result);
        }, this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private ValueTask<TResponse?> ReadMessageAsync() =>
        MessageFraming.ReadAsync(_reader!, _method.ResponseParser, _channel.Options.MaxReceiveMessageSize, _responseEncoding, null, _cts.Token);

    private async Task<TResponse> ReadSingleResponseAsync()
    {
        if (!await EnsureResponseAsync().ConfigureAwait(false))
        {
            var ended = _status!.Value;
            throw ended.StatusCode == StatusCode.OK
                ? new RpcException(StatusCode.Internal, "The server ended the call without a response message.")
                : new RpcException(ended, _trailers);
        }

        var message = await ReadMessageAsync().ConfigureAwait(false);
        if (message is not null && await ReadMessageAsync().ConfigureAwait(false) is not null)
            throw new RpcException(StatusCode.Internal, "The server sent more than one response message for a single-response call.");

        var status = FinishFromTrailers();
        if (status.StatusCode != StatusCode.OK) throw new RpcException(status, _trailers);
        return message ?? throw new RpcException(StatusCode.Internal, "The server ended the call without a response message.");
    }

    public async Task<bool> MoveNext(CancellationToken cancellationToken = default)
    {
        using var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.Register(static state => ((HttpClientCall<TRequest, TResponse>)state!).Cancel(), this)
            : default;
        try
        {
            if (!await EnsureResponseAsync().ConfigureAwait(false))
            {
                if (_status!.Value.StatusCode != StatusCode.OK) throw new RpcException(_status.Value, _trailers);
                return false;
            }
            if (_status is { } finished)
            {
                if (finished.StatusCode != StatusCode.OK) throw new RpcException(finished, _trailers);
                return false;
            }

            _current = await ReadMessageAsync().ConfigureAwait(false);
            if (_current is not null) return true;

            var status = FinishFromTrailers();
            Cleanup();
            if (status.StatusCode != StatusCode.OK) throw new RpcException(status, _trailers);
            return false;
        }
        catch (Exception ex)
        {
            var failure = Fail(ex);
            Cleanup();
            throw failure;
        }
    }

    // ---- writing (client streaming and duplex) --------------------------------------------------

    public async Task WriteAsync(TRequest message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ThrowIfEndedForWriting();
        if (Interlocked.Exchange(ref _writePending, 1) == 1)
            throw new InvalidOperationException("A write is already in progress: await each WriteAsync before the next.");
        try
        {
            if (_requestCompleted) throw new InvalidOperationException("The request stream has already been completed.");
            var stream = await _requestContent!.StreamAsync.WaitAsync(_cts.Token).ConfigureAwait(false);
            var buffer = _writeBuffer ??= new ArrayBufferWriter<byte>(1024);
            buffer.ResetWrittenCount();
            var options = WriteOptions ?? _options.WriteOptions;
            MessageFraming.Write(buffer, message, options is { NoCompress: true } ? null : RequestEncoding, _channel.Options.MaxSendMessageSize);
            using var linked = cancellationToken.CanBeCanceled
                ? CancellationTokenSource.CreateLinkedTokenSource(_cts.Token, cancellationToken)
                : null;
            var token = linked?.Token ?? _cts.Token;
            await stream.WriteAsync(buffer.WrittenMemory, token).ConfigureAwait(false);
            await stream.FlushAsync(token).ConfigureAwait(false);
        }
        // ObjectDisposedException is an InvalidOperationException, but here it means the call ended
        // under the write: report the call's status, not a disposal.
        catch (Exception ex) when (ex is not InvalidOperationException || ex is ObjectDisposedException)
        {
            ThrowIfEndedForWriting();
            if (!_deadlineExceeded && !_cancelledByCaller && !_options.CancellationToken.IsCancellationRequested
                && await ServerAnsweredAsync().ConfigureAwait(false) is { } answered)
            {
                ThrowIfEndedForWriting();
                if (answered)
                    throw new RpcException(new Status(StatusCode.Unavailable,
                        "The server closed the request stream; read the response stream for the call's status."), null, ex);
            }
            throw Fail(ex);
        }
        finally
        {
            Volatile.Write(ref _writePending, 0);
        }
    }

    /// <summary>
    /// After a failed write: has the server answered? null if not (the write failure stands); false if
    /// its answer ended the call (Trailers-Only or an HTTP error: the status is now recorded); true if
    /// a normal response is under way, whose status comes after its messages.
    /// </summary>
    private async Task<bool?> ServerAnsweredAsync()
    {
        try
        {
            await _responseTask!.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            return await EnsureResponseAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return null;
        }
    }

    public Task CompleteAsync()
    {
        _requestCompleted = true;
        _requestContent?.Complete();
        return Task.CompletedTask;
    }

    private void ThrowIfEndedForWriting()
    {
        if (_status is { } status)
        {
            if (status.StatusCode != StatusCode.OK) throw new RpcException(status, _trailers);
            throw new InvalidOperationException("The call has already finished.");
        }
    }

    // ---- ending ---------------------------------------------------------------------------------

    private Status FinishFromTrailers()
    {
        var trailers = _response!.TrailingHeaders;
        var status = ReadStatus(trailers) ?? new Status(StatusCode.Internal, "The server ended the response without a grpc-status.");
        Finish(status, MetadataHeaders.FromHttpHeaders(trailers));
        return status;
    }

    private void Finish(Status status, Metadata trailers)
    {
        lock (_gate)
        {
            if (_status is not null) return;
            _status = status;
            _trailers = trailers;
        }
        EndActivity(status);
        if (status.StatusCode != StatusCode.OK) _requestContent?.Abort(new RpcException(status, trailers));
        else _requestContent?.Complete();
    }

    private void EndActivity(Status status)
    {
        if (_started != 0) GrpcDiagnostics.RecordClient(_method.FullName, status.StatusCode, Stopwatch.GetElapsedTime(_started));
        if (_activity is not { } activity) return;
        GrpcDiagnostics.SetStatus(activity, status.StatusCode, status.Detail);
        // Stop makes the span's predecessor current; this may run in the caller's flow, which must keep its own.
        var current = Activity.Current;
        activity.Stop();
        if (current != activity) Activity.Current = current;
    }

    /// <summary>Turns any failure into the RpcException the caller sees, and records it as the call's status.</summary>
    private RpcException Fail(Exception exception)
    {
        RpcException result;
        if (_deadlineExceeded)
            result = new RpcException(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"), null, exception);
        else if (exception is RpcException rpc)
            result = rpc;
        else if (_cancelledByCaller || _options.CancellationToken.IsCancellationRequested)
            result = new RpcException(new Status(StatusCode.Cancelled, "The call was cancelled."), null, exception);
        else
            result = FromTransportFailure(exception);

        Finish(result.Status, result.Trailers);
        _headers.TrySetException(result);
        // A failed call may still have a stream open on the connection: reset it.
        if (result.StatusCode != StatusCode.OK) CancelQuietly();
        return _status is { } recorded && recorded.StatusCode != StatusCode.OK && recorded != result.Status
            ? new RpcException(recorded, _trailers)
            : result;
    }

    private static RpcException FromTransportFailure(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpProtocolException protocol)
            {
                var code = GrpcProtocol.StatusFromHttp2Reset(protocol.ErrorCode);
                return new RpcException(new Status(code, $"The stream was reset by the server (HTTP/2 error 0x{protocol.ErrorCode:X}): {protocol.Message}"), null, exception);
            }
        }
        return new RpcException(new Status(StatusCode.Unavailable, $"Error connecting or talking to the server: {exception.Message}"), null, exception);
    }

    private static Status? ReadStatus(HttpHeaders headers)
    {
        if (!headers.NonValidated.TryGetValues(GrpcProtocol.StatusHeader, out var values)) return null;
        var text = values.ToString();
        var code = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? (StatusCode)parsed
            : StatusCode.Unknown;
        var detail = headers.NonValidated.TryGetValues(GrpcProtocol.MessageHeader, out var message)
            ? StatusMessageEncoding.Decode(message.ToString())
            : "";
        return new Status(code, detail);
    }

    /// <summary>Cancels a running call: the stream is reset and the call reports CANCELLED.</summary>
    public void Cancel()
    {
        if (_status is not null) return;
        _cancelledByCaller = true;
        Fail(new OperationCanceledException("The call was cancelled by the client."));
    }

    private void CancelQuietly()
    {
        try { _cts.Cancel(); }
        catch (ObjectDisposedException) { }
        catch (AggregateException) { }
    }

    /// <summary>Releases what a finished call holds: timer, response, token source (and its link to the caller's token).</summary>
    private void Cleanup()
    {
        if (_status is null) return;
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
        }
        _deadlineTimer?.Dispose();
        _response?.Dispose();
        _cts.Dispose();
    }

    public void Dispose()
    {
        if (_status is null) Cancel();
        Cleanup();
    }
}
