using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Procurement.Grpc.Tests.Protos;

namespace Procurement.Grpc.Tests.Support;

/// <summary>What the server side saw, for tests to assert on.</summary>
public sealed class Observations
{
    public TaskCompletionSource SleepStarted { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource<StatusCode?> SleepEnded { get; private set; } = NewSource();
    /// <summary>What became of a handler's write after its call ended: "returned" or the exception's type.</summary>
    public TaskCompletionSource<string> LateWrite { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public int FailCalls;

    public void Reset()
    {
        SleepStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        SleepEnded = NewSource();
        LateWrite = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private static TaskCompletionSource<StatusCode?> NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

public sealed class RuntimeTestService(Observations observations) : RuntimeTest.RuntimeTestBase
{
    public override Task<EchoResponse> Echo(EchoRequest request, ServerCallContext context)
    {
        var response = new EchoResponse
        {
            Text = request.Text,
            Blob = request.ResponseSize > 0 ? Google.Protobuf.ByteString.CopyFrom(new byte[request.ResponseSize]) : request.Blob,
            Deadline = context.Deadline == DateTime.MaxValue ? "" : context.Deadline.ToString("O", CultureInfo.InvariantCulture),
            RequestCompressed = context.LastRequestCompressed,
        };
        response.SeenMetadata.AddRange(context.RequestHeaders.Select(e => e.ToString()));
        return Task.FromResult(response);
    }

    public override async Task<EchoResponse> Sleep(EchoRequest request, ServerCallContext context)
    {
        observations.SleepStarted.TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            observations.SleepEnded.TrySetResult(EndedBy(context));
            throw;
        }
        return new EchoResponse();
    }

    public override async Task<EchoResponse> Fail(FailRequest request, ServerCallContext context)
    {
        Interlocked.Increment(ref observations.FailCalls);
        if (request.WriteHeadersFirst) await context.WriteResponseHeadersAsync(new Metadata().Add("x-early", "yes"));
        switch (request.Kind)
        {
            case FailRequest.Types.Kind.RpcException:
                context.ResponseTrailers.Add("x-trailer", "from-context");
                throw new RpcException((StatusCode)request.Code, request.Message, new Metadata().Add("x-detail", "from-exception"));
            case FailRequest.Types.Kind.UnexpectedException:
                throw new InvalidOperationException("secret internal detail: connection string Password=hunter2");
            case FailRequest.Types.Kind.ResetStream:
                context.HttpContext!.Features.Get<IHttpResetFeature>()!.Reset(request.Code);
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
                return new EchoResponse();
            case FailRequest.Types.Kind.StatusWithoutThrow:
                context.Status = new Status((StatusCode)request.Code, request.Message);
                return new EchoResponse { Text = "must not be sent" };
            default:
                return new EchoResponse();
        }
    }

    /// <summary>Cancelled when the client reset the stream; otherwise the server's own deadline fired.</summary>
    private static StatusCode EndedBy(ServerCallContext context) =>
        context.HttpContext!.RequestAborted.IsCancellationRequested ? StatusCode.Cancelled : StatusCode.DeadlineExceeded;

    public override async Task CountUp(Count request, IServerStreamWriter<Count> responseStream, ServerCallContext context)
    {
        for (var i = 1; i <= request.Value; i++)
            await responseStream.WriteAsync(new Count { Value = i });
    }

    public override async Task<Count> Sum(IAsyncStreamReader<Count> requestStream, ServerCallContext context)
    {
        var total = 0;
        await foreach (var count in requestStream.ReadAllAsync(context.CancellationToken)) total += count.Value;
        return new Count { Value = total };
    }

    public override async Task Echoes(IAsyncStreamReader<EchoRequest> requestStream, IServerStreamWriter<EchoResponse> responseStream, ServerCallContext context)
    {
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
            await responseStream.WriteAsync(new EchoResponse { Text = request.Text });
    }

    public override async Task StreamThenSleep(Count request, IServerStreamWriter<Count> responseStream, ServerCallContext context)
    {
        await responseStream.WriteAsync(new Count { Value = 1 });
        try
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            observations.SleepEnded.TrySetResult(EndedBy(context));
            try
            {
                await responseStream.WriteAsync(new Count { Value = 2 }, CancellationToken.None);
                observations.LateWrite.TrySetResult("returned");
            }
            catch (Exception ex)
            {
                observations.LateWrite.TrySetResult(ex.GetType().Name);
                throw;
            }
        }
    }
}
