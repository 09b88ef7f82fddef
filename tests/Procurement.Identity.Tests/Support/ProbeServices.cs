using Grpc.Core;
using Procurement.Identity.Tests.Protos;

namespace Procurement.Identity.Tests.Support;

/// <summary>Handlers answer with the caller they were given, so tests see exactly what a service would.</summary>
internal static class CallerViews
{
    public static CallerView Of(ServerCallContext context)
    {
        if (context.FindCaller() is not { } caller) return new CallerView { Present = false };
        var view = new CallerView
        {
            Present = true,
            PersonId = caller.PersonId,
            Name = caller.Name,
            Organisation = caller.Organisation,
            Commissioner = caller.Commissioner ?? "",
            UserInRoles = caller.Roles.All(r => context.GetHttpContext().User.IsInRole(r.ToName())),
        };
        view.Roles.AddRange(caller.Roles.Select(r => r.ToName()).Order(StringComparer.Ordinal));
        return view;
    }
}

public sealed class IdentityProbeService : IdentityProbe.IdentityProbeBase
{
    // GetCaller, as a real handler would: it throws UNAUTHENTICATED if the interceptor admitted no one.
    public override Task<CallerView> WhoAmI(ProbeRequest request, ServerCallContext context)
    {
        _ = context.GetCaller();
        return Task.FromResult(CallerViews.Of(context));
    }

    public override Task<CallerView> PublishTender(ProbeRequest request, ServerCallContext context) => Task.FromResult(CallerViews.Of(context));

    public override Task<CallerView> SignRecordOfDecision(ProbeRequest request, ServerCallContext context) => Task.FromResult(CallerViews.Of(context));

    public override async Task WatchTender(ProbeRequest request, IServerStreamWriter<CallerView> responseStream, ServerCallContext context) =>
        await responseStream.WriteAsync(CallerViews.Of(context));
}

public sealed class DecisionProbeService : DecisionProbe.DecisionProbeBase
{
    public override Task<CallerView> Review(ProbeRequest request, ServerCallContext context) => Task.FromResult(CallerViews.Of(context));

    public override Task<CallerView> Approve(ProbeRequest request, ServerCallContext context) => Task.FromResult(CallerViews.Of(context));
}

public sealed class OpenProbeService : OpenProbe.OpenProbeBase
{
    public override Task<CallerView> Hello(ProbeRequest request, ServerCallContext context) => Task.FromResult(CallerViews.Of(context));
}
