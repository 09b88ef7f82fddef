using Microsoft.Extensions.DependencyInjection;
using Grpc.Core;
using Procurement.Identity.Tests.Protos;
using Procurement.Identity.Tests.Support;
using static Procurement.Identity.Tests.Support.ProbeServer;

namespace Procurement.Identity.Tests;

/// <summary>Per-method roles declared on what MapGrpcService returns (see <see cref="ProbeServer"/>).</summary>
public class AuthorizationTests(ProbeServer server) : IClassFixture<ProbeServer>
{
    private CallOptions As(Caller caller) => Bearer(server.TokenFor(caller));

    private static void AssertDenied(RpcException error, string message)
    {
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(message, error.Status.Detail);
    }

    [Fact]
    public async Task A_caller_with_the_role_may_call()
    {
        var seen = await server.Probe.PublishTenderAsync(new ProbeRequest(), As(Callers.ProcurementOfficer));
        Assert.Equal("p-ola", seen.PersonId);
    }

    [Fact]
    public async Task A_caller_without_the_role_is_denied_naming_it()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await server.Probe.PublishTenderAsync(new ProbeRequest(), As(Callers.Supplier)));
        AssertDenied(error, "PublishTender needs the role procurement_officer; you have supplier.");
    }

    [Fact]
    public async Task The_denial_lists_every_role_the_caller_has()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await server.Probe.PublishTenderAsync(new ProbeRequest(), As(Callers.KentOfficerAndEvaluator)));
        AssertDenied(error, "PublishTender needs the role procurement_officer; you have commissioning_officer, evaluator.");
    }

    [Fact]
    public async Task Any_one_of_several_roles_is_enough()
    {
        foreach (var signatory in new[] { Callers.KentFinanceOfficer, Callers.KentChiefExecutive, Callers.EssexCommissioner })
        {
            var seen = await server.Probe.SignRecordOfDecisionAsync(new ProbeRequest(), As(signatory));
            Assert.Equal(signatory.PersonId, seen.PersonId);
        }
    }

    [Fact]
    public async Task Denial_of_a_method_with_several_roles_names_them_all()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await server.Probe.SignRecordOfDecisionAsync(new ProbeRequest(), As(Callers.ProcurementOfficer)));
        AssertDenied(error, "SignRecordOfDecision needs one of the roles finance_officer, chief_executive, commissioner; you have procurement_officer.");
    }

    [Fact]
    public async Task A_method_without_declared_roles_admits_any_authenticated_caller()
    {
        Assert.Equal("p-sam", (await server.Probe.WhoAmIAsync(new ProbeRequest(), As(Callers.Supplier))).PersonId);
    }

    [Fact]
    public async Task Authentication_comes_before_roles()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await server.Probe.PublishTenderAsync(new ProbeRequest(), ProbeServer.Anonymous));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task Service_wide_roles_apply_to_every_method()
    {
        Assert.Equal("p-cai", (await server.Decisions.ReviewAsync(new ProbeRequest(), As(Callers.KentChiefExecutive))).PersonId);
        var error = await Assert.ThrowsAsync<RpcException>(async () => await server.Decisions.ReviewAsync(new ProbeRequest(), As(Callers.Supplier)));
        AssertDenied(error, "Review needs one of the roles finance_officer, chief_executive, commissioner; you have supplier.");
    }

    [Fact]
    public async Task Service_and_method_roles_must_both_be_met()
    {
        Assert.Equal("p-eve", (await server.Decisions.ApproveAsync(new ProbeRequest(), As(Callers.EssexCommissioner))).PersonId);
        var error = await Assert.ThrowsAsync<RpcException>(async () => await server.Decisions.ApproveAsync(new ProbeRequest(), As(Callers.KentChiefExecutive)));
        AssertDenied(error, "Approve needs the role commissioner; you have chief_executive.");
    }

    [Fact]
    public async Task A_streaming_method_is_guarded_like_a_unary_one()
    {
        using var denied = server.Probe.WatchTender(new ProbeRequest(), As(Callers.Supplier));
        var error = await Assert.ThrowsAsync<RpcException>(async () => await denied.ResponseStream.MoveNext());
        AssertDenied(error, "WatchTender needs the role procurement_officer; you have supplier.");

        using var admitted = server.Probe.WatchTender(new ProbeRequest(), As(Callers.ProcurementOfficer));
        Assert.True(await admitted.ResponseStream.MoveNext());
        Assert.Equal("p-ola", admitted.ResponseStream.Current.PersonId);
    }

    [Fact]
    public void A_service_that_declares_no_access_is_a_mistake_caught_at_mapping()
    {
        var undeclared = Assert.Throws<InvalidOperationException>(() => DeclaredAccess.RolesFor(Grpc.Health.V1.Health.Descriptor.Methods[0]));
        Assert.Contains("grpc.health.v1.Health.Check declares no access", undeclared.Message);
        Assert.Throws<InvalidOperationException>(() => DeclaredAccess.ToRole(Contracts.Common.V1.Role.Unspecified));
    }

    [Fact]
    public void Mapping_a_service_that_declares_no_access_fails_at_set_up_not_at_its_first_call()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        builder.Services.AddGrpc();
        using var app = builder.Build();
        var refused = Assert.Throws<InvalidOperationException>(() => app.MapGrpcServiceWithDeclaredAccess<Grpc.HealthCheck.HealthServiceImpl>());
        Assert.Contains("declares no access", refused.Message);
    }

    [Fact]
    public void Each_declared_role_is_a_token_role()
    {
        var declared = Enum.GetValues<Contracts.Common.V1.Role>().Where(r => r != Contracts.Common.V1.Role.Unspecified).Select(DeclaredAccess.ToRole);
        Assert.Equal(Enum.GetValues<Role>().Order(), declared.Order());
        Assert.Equal(Role.ProcurementOfficer, DeclaredAccess.ToRole(Contracts.Common.V1.Role.ProcurementOfficer));
    }
}
