using System.Collections.Concurrent;
using MassTransit;
using Procurement.Contracts.Events;

namespace Procurement.Bids.Tests.Integration.Support;

/// <summary>Every BidsOpened that came back from RabbitMQ, as the moderation service would receive it.</summary>
public sealed class OpenedEvents
{
    private readonly ConcurrentQueue<BidsOpened> _events = new();

    public void Record(BidsOpened message) => _events.Enqueue(message);

    public IReadOnlyList<BidsOpened> For(Guid tenderId) => [.. _events.Where(e => e.TenderId == tenderId)];
}

public sealed class BidsOpenedRecorder(OpenedEvents events) : IConsumer<BidsOpened>
{
    public Task Consume(ConsumeContext<BidsOpened> context)
    {
        events.Record(context.Message);
        return Task.CompletedTask;
    }
}
