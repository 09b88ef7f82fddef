using System.Collections.Concurrent;
using MassTransit;
using Procurement.Contracts.Events;

namespace Procurement.Tenders.Tests.Integration.Support;

/// <summary>Every tender event that came back from RabbitMQ to the test's consumer.</summary>
public sealed class ReceivedEvents
{
    private readonly ConcurrentQueue<object> _events = new();

    public void Record(object message) => _events.Enqueue(message);

    public T? Find<T>(Func<T, bool> match) where T : class => _events.OfType<T>().FirstOrDefault(match);

    public IReadOnlyList<T> All<T>() => [.. _events.OfType<T>()];
}

/// <summary>A consumer on the broker, as another service would be, recording what it is handed.</summary>
public sealed class RecordingConsumer(ReceivedEvents received) :
    IConsumer<TenderPublished>, IConsumer<TenderAmended>, IConsumer<TenderCancelled>, IConsumer<LotCancelled>, IConsumer<TenderClosed>
{
    public Task Consume(ConsumeContext<TenderPublished> context) => Record(context.Message);
    public Task Consume(ConsumeContext<TenderAmended> context) => Record(context.Message);
    public Task Consume(ConsumeContext<TenderCancelled> context) => Record(context.Message);
    public Task Consume(ConsumeContext<LotCancelled> context) => Record(context.Message);
    public Task Consume(ConsumeContext<TenderClosed> context) => Record(context.Message);

    private Task Record(object message)
    {
        received.Record(message);
        return Task.CompletedTask;
    }
}
