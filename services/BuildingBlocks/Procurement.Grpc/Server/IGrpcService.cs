using Google.Protobuf.Reflection;

namespace Procurement.Grpc;

/// <summary>Implemented by every generated service base class; lets the server bind methods without reflection.</summary>
public interface IGrpcService
{
    static abstract ServiceDescriptor ServiceDescriptor { get; }
    static abstract void BindService(ServiceBinder binder);
}
