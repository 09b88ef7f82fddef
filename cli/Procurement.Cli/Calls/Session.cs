using Grpc.Net.Client;
using Procurement.Cli.Output;
using Procurement.Cli.Profiles;
using Procurement.Contracts.Award.V1;
using Procurement.Contracts.Bid.V1;
using Procurement.Contracts.Dev.V1;
using Procurement.Contracts.Moderation.V1;
using Procurement.Contracts.Tender.V1;
using Grpc.Core;
using Procurement.Identity;

namespace Procurement.Cli.Calls;

/// <summary>
/// One invocation's link to the gateway: the channel, the profile acting, and the calls made as it. A development
/// profile gets a fresh token for every call, signed by this machine's clock (<see cref="SuiteClock.IssueToken"/>).
/// </summary>
public sealed class Session(CliEnvironment environment, ProfileStore store, Uri gateway, string? profileName, Printer printer) : IDisposable
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(60);
    private readonly Lazy<GrpcChannel> _channel = new(() => GatewayChannel.Create(gateway));
    private Profile? _profile;

    public Uri Gateway { get; } = gateway;
    public Printer Printer { get; } = printer;
    public CliEnvironment Environment { get; } = environment;
    public ProfileStore Store { get; } = store;
    public SuiteClock Clock => new(Environment.Clock, Store, Gateway);

    public TenderService.TenderServiceClient Tenders => new(_channel.Value);
    public BidService.BidServiceClient Bids => new(_channel.Value);
    public ModerationService.ModerationServiceClient Moderation => new(_channel.Value);
    public AwardService.AwardServiceClient Awards => new(_channel.Value);
    public DevelopmentClock.DevelopmentClockClient DevelopmentClock => new(_channel.Value);

    /// <summary>The profile making calls: --as, PROCUREMENT_PROFILE, or the one last logged in.</summary>
    public Profile Profile => _profile ??= ResolveProfile();

    private Profile ResolveProfile()
    {
        var state = Store.Load();
        var name = profileName ?? Environment.Get(CliEnvironment.ProfileVariable) ?? state.Current;
        if (name is null)
            throw new CliException(ExitCodes.NotSignedIn, "Not signed in: run `procurement login <profile> …` first, or pick a profile with --as.");
        if (!state.Profiles.TryGetValue(name, out var profile))
            throw new CliException(ExitCodes.NotSignedIn,
                $"No profile '{name}'. Profiles: {(state.Profiles.Count == 0 ? "none (run `procurement login`)" : string.Join(", ", state.Profiles.Keys.Order(StringComparer.Ordinal)))}.");
        return profile;
    }

    /// <summary>Makes one call as the profile.</summary>
    public async Task<T> CallAsync<T>(Func<CallOptions, AsyncUnaryCall<T>> call) => await call(Options());

    /// <summary>Makes one call without a token, for the few methods their .proto declares anonymous (the receipt keys).</summary>
    public async Task<T> CallAnonymousAsync<T>(Func<CallOptions, AsyncUnaryCall<T>> call) =>
        await call(new CallOptions(deadline: DateTime.UtcNow + CallTimeout));

    /// <summary>
    /// A token, a deadline, and a new idempotency key for this action: the channel's retries of an unavailable call repeat
    /// it, so a change whose answer was lost is not made twice (decision 0026; reads ignore the key).
    /// </summary>
    private CallOptions Options() => new(
        headers: new Metadata { { "authorization", "Bearer " + Token() }, { "idempotency-key", Guid.NewGuid().ToString() } },
        deadline: DateTime.UtcNow + CallTimeout);

    private string Token()
    {
        var profile = Profile;
        if (profile.IsDevelopment) return Clock.IssueToken(profile.ToCaller());
        if (profile.TokenExpires is { } expires && expires < Environment.Clock.GetUtcNow())
            throw new CliException(ExitCodes.NotSignedIn, $"The token of profile '{profile.Name}' expired at {expires:u}: log in again with a new token.");
        return profile.Token!;
    }

    /// <summary>
    /// Reads the suite's clock (GetClock, as the profile: a procurement officer) and records how far it runs from this
    /// machine's, for times given relative to it (+30d). False when the suite has no clock control or the profile may not
    /// read it: its clock is then taken to be this machine's.
    /// </summary>
    public async Task<bool> SyncClockAsync()
    {
        try
        {
            var reading = await DevelopmentClock.GetClockAsync(new GetClockRequest(), Options());
            Clock.Record(reading);
            return reading.Clocks.Count > 0;
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.FailedPrecondition or StatusCode.PermissionDenied or StatusCode.Unimplemented)
        {
            return false;
        }
    }

    /// <summary>Polls <paramref name="probe"/> under a spinner until it finds something, for at most <paramref name="timeout"/>.</summary>
    public Task<T> WaitAsync<T>(string what, TimeSpan timeout, Func<Task<T?>> probe) where T : class =>
        Printer.ProgressAsync($"Waiting for {what} (at most {Input.Durations.Format(timeout)})…", async () =>
        {
            using var bound = new CancellationTokenSource(timeout);
            while (true)
            {
                if (await probe() is { } found) return found;
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250), bound.Token);
                }
                catch (OperationCanceledException)
                {
                    throw new CliException(ExitCodes.TimedOut, $"Gave up after {Input.Durations.Format(timeout)} waiting for {what}.");
                }
            }
        });

    public void Dispose()
    {
        if (_channel.IsValueCreated) _channel.Value.Dispose();
    }
}
