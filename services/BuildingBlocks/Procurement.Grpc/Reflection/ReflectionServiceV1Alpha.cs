using Google.Protobuf;
using V1 = Grpc.Reflection.V1;
using V1Alpha = Grpc.Reflection.V1Alpha;

#pragma warning disable CS0612, CS0618 // v1alpha is deprecated, and still what many tools ask for

namespace Procurement.Grpc.Reflection;

/// <summary>
/// grpc.reflection.v1alpha.ServerReflection: the same messages on the wire as v1, so each request is
/// re-read as v1, answered by the v1 service, and the answer re-read as v1alpha.
/// </summary>
internal sealed class ReflectionServiceV1Alpha(ReflectionServiceV1 v1) : V1Alpha.ServerReflection.ServerReflectionBase
{
    public override async Task ServerReflectionInfo(
        IAsyncStreamReader<V1Alpha.ServerReflectionRequest> requestStream,
        IServerStreamWriter<V1Alpha.ServerReflectionResponse> responseStream,
        ServerCallContext context)
    {
        while (await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            var request = V1.ServerReflectionRequest.Parser.ParseFrom(requestStream.Current.ToByteString());
            var answer = v1.Answer(request);
            var response = V1Alpha.ServerReflectionResponse.Parser.ParseFrom(answer.ToByteString());
            await responseStream.WriteAsync(response, context.CancellationToken).ConfigureAwait(false);
        }
    }
}
