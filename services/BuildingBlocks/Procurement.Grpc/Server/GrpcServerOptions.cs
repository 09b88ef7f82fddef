namespace Procurement.Grpc;

public sealed class GrpcServerOptions
{
    /// <summary>Largest request message accepted, in bytes (default 4 MB); larger ones end the call with RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxReceiveMessageSize;

    /// <summary>Largest response message sent, in bytes (default: no limit).</summary>
    public int MaxSendMessageSize { get; set; } = int.MaxValue;

    /// <summary>Default compression of response messages, when the client accepts it (null: none).</summary>
    public string? ResponseEncoding { get; set; }

    /// <summary>Interceptors, outermost first; resolved from dependency injection when the services are mapped.</summary>
    public List<Type> Interceptors { get; } = [];

    /// <summary>Whether standard services (health, reflection v1 and v1alpha) are served. On by default.</summary>
    public bool StandardServices { get; set; } = true;

    /// <summary>Time source for deadlines; tests may substitute their own.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    public GrpcServerOptions AddInterceptor<T>() where T : ServerInterceptor
    {
        Interceptors.Add(typeof(T));
        return this;
    }
}
