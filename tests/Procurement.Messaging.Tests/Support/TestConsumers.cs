using MassTransit;
using Procurement.Messaging.Inbox;
using Procurement.Messaging.Tests.Contracts;

namespace Procurement.Messaging.Tests.Support;

/// <summary>Records every delivery, with no inbox: shows what the broker actually delivered.</summary>
public sealed class TenderPublishedConsumer(Deliveries deliveries) : IConsumer<TenderPublished>
{
    public Task Consume(ConsumeContext<TenderPublished> context)
    {
        deliveries.Record(context.Message.TenderId);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Works for as many milliseconds as the title says, then records: with the earlier events given the
/// longer work, any concurrent handling records them out of order.
/// </summary>
public sealed class TimedTenderPublishedConsumer(Deliveries deliveries) : IConsumer<TenderPublished>
{
    public async Task Consume(ConsumeContext<TenderPublished> context)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(int.Parse(context.Message.Title)), context.CancellationToken);
        deliveries.Record(context.Message.TenderId);
    }
}

/// <summary>A service's inbox consumer: its effect is a row in bid_receipt.</summary>
public sealed class BidSubmittedConsumer(TestDb db) : InboxConsumer<BidSubmitted, TestDb>(db)
{
    protected override Task HandleAsync(BidSubmitted message, TestDb db, CancellationToken cancellationToken)
    {
        db.BidReceipts.Add(new BidReceipt { BidId = message.BidId });
        return Task.CompletedTask;
    }
}

/// <summary>Always fails: its messages must end in the _error queue, not be acknowledged.</summary>
public sealed class TenderWithdrawnConsumer(Deliveries deliveries) : IConsumer<TenderWithdrawn>
{
    public Task Consume(ConsumeContext<TenderWithdrawn> context)
    {
        deliveries.Record(context.Message.TenderId);
        throw new InvalidOperationException($"poisoned: {context.Message.Reason}");
    }
}

/// <summary>Counts how often any consumer was handed a message (before the inbox decides).</summary>
public sealed class ConsumeCounter : IConsumeObserver
{
    private int _consumed;
    public int Consumed => Volatile.Read(ref _consumed);

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        Interlocked.Increment(ref _consumed);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
