using System.Globalization;
using Microsoft.Extensions.Options;
using Procurement.Contracts.Bid.V1;
using Procurement.Contracts.Receipts;
using Procurement.Gateway.Routing;
using Grpc.Core;

namespace Procurement.Gateway.Receipts;

/// <summary>
/// GET /.well-known/receipt-keys.json: the bid service's public receipt keys as a JSON Web Key Set (RFC 7517), for anyone
/// who holds a receipt and wants to check it without trusting us (docs/receipts.md); no token. The keys come from the bid
/// service's ListReceiptKeys within Gateway:ReceiptKeys:Timeout and are kept for Gateway:ReceiptKeys:CacheDuration;
/// when the bid service cannot answer, the last set fetched is served, else 503.
/// </summary>
internal sealed class ReceiptKeysEndpoint(UpstreamChannels upstream, IOptions<GatewayOptions> options, TimeProvider clock, ILogger<ReceiptKeysEndpoint> logger)
{
    public const string Path = "/.well-known/receipt-keys.json";
    public const string ContentType = "application/jwk-set+json";

    private readonly SemaphoreSlim _fetching = new(1, 1);
    private (string Jwks, DateTimeOffset FetchedAt)? _cached;

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var settings = options.Value.ReceiptKeys;
        if (Fresh(settings) is { } fresh) return Jwks(context, fresh, settings);
        await _fetching.WaitAsync(context.RequestAborted);
        try
        {
            if (Fresh(settings) is { } fetchedMeanwhile) return Jwks(context, fetchedMeanwhile, settings);
            var keys = await new BidService.BidServiceClient(upstream.ChannelTo(GatewayRoutes.Bids)).ListReceiptKeysAsync(
                new ListReceiptKeysRequest(), deadline: DateTime.UtcNow + settings.Timeout, cancellationToken: context.RequestAborted);
            var jwks = ReceiptKeySet.From(keys).ToJwks();
            _cached = (jwks, clock.GetUtcNow());
            return Jwks(context, jwks, settings);
        }
        catch (RpcException e) when (!context.RequestAborted.IsCancellationRequested)
        {
            logger.LogWarning("The receipt keys could not be fetched from the bid service: {Status} {Detail}", e.StatusCode, e.Status.Detail);
            if (_cached is { } stale) return Jwks(context, stale.Jwks, settings);
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
                detail: $"The bid service did not give its receipt keys ({e.StatusCode}); try again shortly.");
        }
        finally
        {
            _fetching.Release();
        }
    }

    private string? Fresh(ReceiptKeysOptions settings) =>
        _cached is { } cached && clock.GetUtcNow() - cached.FetchedAt < settings.CacheDuration ? cached.Jwks : null;

    private static IResult Jwks(HttpContext context, string jwks, ReceiptKeysOptions settings)
    {
        context.Response.Headers.CacheControl = "public, max-age=" + ((long)settings.CacheDuration.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return Results.Text(jwks, ContentType);
    }
}
