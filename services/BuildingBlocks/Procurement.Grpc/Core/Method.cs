using Google.Protobuf;

namespace Procurement.Grpc;

/// <summary>Describes one RPC method; generated code creates one static instance per method.</summary>
public abstract class Method(MethodType type, string serviceName, string name)
{
    public MethodType Type { get; } = type;
    public string ServiceName { get; } = serviceName;
    public string Name { get; } = name;

    /// <summary>The HTTP/2 path: "/package.Service/Method".</summary>
    public string FullName { get; } = "/" + serviceName + "/" + name;

    public override string ToString() => FullName;
}

public sealed class Method<TRequest, TResponse>(
    MethodType type,
    string serviceName,
    string name,
    MessageParser<TRequest> requestParser,
    MessageParser<TResponse> responseParser) : Method(type, serviceName, name)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    public MessageParser<TRequest> RequestParser { get; } = requestParser;
    public MessageParser<TResponse> ResponseParser { get; } = responseParser;
}
