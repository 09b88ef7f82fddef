using Grpc.Core;
using Procurement.Identity;

namespace Procurement.Testing;

public static class TestCalls
{
    /// <summary>
    /// Call options for a person: a development token issued on the service's clock (so it is valid at
    /// the clock's "now", however far a test moved it), and a bounded deadline in real time.
    /// </summary>
    public static CallOptions As(Caller caller, TimeProvider clock) => new(
        headers: new Metadata { { "authorization", "Bearer " + DevelopmentTokens.Issue(caller, TimeSpan.FromHours(1), clock) } },
        deadline: DateTime.UtcNow + TestInfrastructure.Timeout);
}
