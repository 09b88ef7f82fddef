using Grpc.Net.Client;
using Microsoft.Extensions.Options;
using Procurement.Contracts.Award.V1;
using Procurement.Gateway.Routing;
using Grpc.Core;
using Procurement.Identity;

namespace Procurement.Gateway.Ocds;

/// <summary>
/// GET /ocds/tenders/{tenderId}: the tender's OCDS 1.1 release package as JSON (application/json), for
/// tools that speak HTTP rather than gRPC. The caller signs in as for any call (a bearer token, any role);
/// the gateway passes the token on to the award service, which publishes only what is public (notified
/// awards, entered contracts). gRPC statuses become the HTTP statuses a JSON client expects.
/// </summary>
internal sealed class OcdsEndpoint(IOptions<GatewayOptions> options) : IDisposable
{
    public const string Path = "/ocds/tenders/{tenderId}";

    private readonly GrpcChannel _awards = GrpcChannel.ForAddress(options.Value.AddressOf(GatewayRoutes.Awards));

    public async Task<IResult> HandleAsync(HttpContext context, string tenderId)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        // The token was checked by the authentication middleware; the refusal, if any, says why.
        if (context.FindCaller() is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return Problem(StatusCodes.Status401Unauthorized, TokenRefusal.Find(context)?.Message ?? "Sign in: send an 'Authorization: Bearer <token>' header.");
        }
        try
        {
            var package = await new AwardService.AwardServiceClient(_awards).GetReleasePackageAsync(
                new GetReleasePackageRequest { TenderId = tenderId },
                new CallOptions(new Metadata { { "authorization", authorization } }, DateTime.UtcNow.AddSeconds(30), context.RequestAborted));
            return Results.Text(package.Json, "application/json");
        }
        catch (RpcException e)
        {
            return Problem(e.StatusCode switch
            {
                StatusCode.NotFound => StatusCodes.Status404NotFound,
                StatusCode.InvalidArgument => StatusCodes.Status400BadRequest,
                StatusCode.Unauthenticated => StatusCodes.Status401Unauthorized,
                StatusCode.PermissionDenied => StatusCodes.Status403Forbidden,
                StatusCode.Unavailable or StatusCode.DeadlineExceeded => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status502BadGateway,
            }, e.Status.Detail);
        }
    }

    private static IResult Problem(int status, string detail) => Results.Problem(detail: detail, statusCode: status);

    public void Dispose() => _awards.Dispose();
}
