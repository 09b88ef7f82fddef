using Grpc.Reflection.V1;

namespace Procurement.Grpc.Reflection;

/// <summary>grpc.reflection.v1.ServerReflection (doc/server-reflection.md): what lets grpcurl list, describe and call.</summary>
internal sealed class ReflectionServiceV1(GrpcServerRuntime runtime) : ServerReflection.ServerReflectionBase
{
    private ReflectionIndex? _index;
    private int _indexedServiceCount;

    public override async Task ServerReflectionInfo(
        IAsyncStreamReader<ServerReflectionRequest> requestStream,
        IServerStreamWriter<ServerReflectionResponse> responseStream,
        ServerCallContext context)
    {
        while (await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
            await responseStream.WriteAsync(Answer(requestStream.Current), context.CancellationToken).ConfigureAwait(false);
    }

    internal ServerReflectionResponse Answer(ServerReflectionRequest request)
    {
        var index = GetIndex();
        var response = new ServerReflectionResponse { ValidHost = request.Host, OriginalRequest = request };
        switch (request.MessageRequestCase)
        {
            case ServerReflectionRequest.MessageRequestOneofCase.ListServices:
                var list = new ListServiceResponse();
                list.Service.AddRange(index.ServiceNames.Select(name => new ServiceResponse { Name = name }));
                response.ListServicesResponse = list;
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileByFilename:
                SetFile(response, index.FindFile(request.FileByFilename), $"File '{request.FileByFilename}' not found.");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol:
                SetFile(response, index.FindFileContainingSymbol(request.FileContainingSymbol), $"Symbol '{request.FileContainingSymbol}' not found.");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingExtension:
                SetError(response, StatusCode.NotFound, $"Extension {request.FileContainingExtension.ExtensionNumber} of '{request.FileContainingExtension.ContainingType}' not found.");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.AllExtensionNumbersOfType:
                if (index.FindFileContainingSymbol(request.AllExtensionNumbersOfType) is null)
                    SetError(response, StatusCode.NotFound, $"Type '{request.AllExtensionNumbersOfType}' not found.");
                else
                    response.AllExtensionNumbersResponse = new ExtensionNumberResponse { BaseTypeName = request.AllExtensionNumbersOfType };
                break;
            default:
                SetError(response, StatusCode.InvalidArgument, "The reflection request names no query.");
                break;
        }
        return response;
    }

    private ReflectionIndex GetIndex()
    {
        // Services are mapped at start-up; rebuild only if more were mapped since.
        var services = runtime.Services;
        if (_index is null || _indexedServiceCount != services.Count)
        {
            _index = new ReflectionIndex(services);
            _indexedServiceCount = services.Count;
        }
        return _index;
    }

    private static void SetFile(ServerReflectionResponse response, Google.Protobuf.Reflection.FileDescriptor? file, string notFound)
    {
        if (file is null)
        {
            SetError(response, StatusCode.NotFound, notFound);
            return;
        }
        var files = new FileDescriptorResponse();
        files.FileDescriptorProto.AddRange(ReflectionIndex.WithDependencies(file));
        response.FileDescriptorResponse = files;
    }

    private static void SetError(ServerReflectionResponse response, StatusCode code, string message) =>
        response.ErrorResponse = new ErrorResponse { ErrorCode = (int)code, ErrorMessage = message };
}
