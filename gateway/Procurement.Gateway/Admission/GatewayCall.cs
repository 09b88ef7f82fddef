using Procurement.Gateway.Routing;
using Procurement.Identity;

namespace Procurement.Gateway.Admission;

/// <summary>A proxied call as the gateway sees it: its route, method and token check; kept on the HttpContext.</summary>
internal sealed class GatewayCall(GatewayRoute route, string method)
{
    private static readonly object Key = new();

    public GatewayRoute Route { get; } = route;
    public string Method { get; } = method;
    public TokenCheck? Token { get; set; }
    public Caller? Caller => Token?.Caller;

    public static GatewayCall? Find(HttpContext context) =>
        context.Items.TryGetValue(Key, out var call) ? call as GatewayCall : null;

    public void AttachTo(HttpContext context) => context.Items[Key] = this;
}
