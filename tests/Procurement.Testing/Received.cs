using System.Collections.Concurrent;
using MassTransit;

namespace Procurement.Testing;

/// <summary>Every <typeparamref name="T"/> a test's <see cref="Recorder{T}"/> was handed by the broker, as another service would receive it.</summary>
public sealed class Received<T> where T : class
{
    private readonly ConcurrentQueue<T> _messages = new();

    public void Record(T message) => _messages.Enqueue(message);

    public IReadOnlyList<T> Where(Func<T, bool> match) => [.. _messages.Where(match)];
}

/// <summary>
/// A consumer on a service's bus that records what it receives. Register the <see cref="Received{T}"/>
/// as a singleton and the recorder on a temporary endpoint:
/// <c>bus.AddConsumer&lt;Recorder&lt;BidsOpened&gt;&gt;().Endpoint(e =&gt; e.Temporary = true)</c>.
/// </summary>
public sealed class Recorder<T>(Received<T> received) : IConsumer<T> where T : class
{
    public Task Consume(ConsumeContext<T> context)
    {
        received.Record(context.Message);
        return Task.CompletedTask;
    }
}
