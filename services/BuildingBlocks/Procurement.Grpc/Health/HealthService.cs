using Grpc.Health.V1;

namespace Procurement.Grpc.Health;

/// <summary>grpc.health.v1.Health (doc/health-checking.md).</summary>
internal sealed class HealthService(HealthStatusRegistry registry) : global::Grpc.Health.V1.Health.HealthBase
{
    public override Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        var status = registry.GetStatus(request.Service)
            ?? throw new RpcException(StatusCode.NotFound, $"Unknown service '{request.Service}'.");
        return Task.FromResult(new HealthCheckResponse { Status = status });
    }

    public override async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)
    {
        using var watch = registry.StartWatch(request.Service);
        HealthCheckResponse.Types.ServingStatus? last = null;
        try
        {
            await foreach (var status in watch.Changes.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
            {
                if (status == last) continue;
                last = status;
                await responseStream.WriteAsync(new HealthCheckResponse { Status = status }, context.CancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The watcher went away: the normal end of a Watch.
        }
    }
}
