using MassTransit;
using Microsoft.Extensions.Logging;

namespace Procurement.Messaging.Outbox;

/// <summary>Every outbox dispatcher of the process, to be told at once that the broker is reachable again.</summary>
internal sealed class OutboxWakeUps
{
    private readonly List<Action> _catchUps = [];

    public void Register(Action catchUp)
    {
        lock (_catchUps) _catchUps.Add(catchUp);
    }

    /// <summary>Each dispatcher's next pass publishes every unpublished row, whatever its backoff (<see cref="OutboxSignal{TDbContext}.CatchUp"/>).</summary>
    public void CatchUpAll()
    {
        Action[] catchUps;
        lock (_catchUps) catchUps = [.. _catchUps];
        foreach (var catchUp in catchUps) catchUp();
    }
}

/// <summary>
/// A receive endpoint that is ready has a connection to the broker: at start, and again after every outage. The
/// outbox's rows then go at once, instead of each waiting out the backoff its failures during the outage gave it.
/// </summary>
internal sealed class BrokerReadyObserver(OutboxWakeUps wakeUps, ILogger<BrokerReadyObserver> logger) : IReceiveEndpointObserver
{
    public Task Ready(ReceiveEndpointReady ready)
    {
        logger.LogInformation("Receive endpoint {InputAddress} connected to the broker; the outbox publishes what waits", ready.InputAddress);
        wakeUps.CatchUpAll();
        return Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;
    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;
    public Task Faulted(ReceiveEndpointFaulted faulted) => Task.CompletedTask;
}
