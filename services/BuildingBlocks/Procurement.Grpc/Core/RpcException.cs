namespace Procurement.Grpc;

/// <summary>
/// A call that ended with a status other than OK. Thrown by the client; thrown by a service
/// handler to end its call with that status, message and trailers.
/// </summary>
public sealed class RpcException : Exception
{
    public RpcException(Status status, Metadata? trailers = null, Exception? innerException = null)
        : base(status.ToString(), innerException)
    {
        Status = status;
        Trailers = trailers ?? new Metadata();
    }

    public RpcException(StatusCode code, string detail, Metadata? trailers = null)
        : this(new Status(code, detail), trailers)
    {
    }

    public Status Status { get; }
    public StatusCode StatusCode => Status.StatusCode;
    public Metadata Trailers { get; }

    public static RpcException Unimplemented(string service, string method) =>
        new(StatusCode.Unimplemented, $"Method {method} of service {service} is not implemented by this server.");
}
