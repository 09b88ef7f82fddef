using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Caching.Memory;

namespace Procurement.Web.Session;

/// <summary>
/// Keeps each signed-in session (its claims, and with OpenID Connect its access token) on the server: the browser's
/// cookie carries only a random key. A session unused for the idle timeout is forgotten here too.
/// </summary>
public sealed class ServerSideTickets(IMemoryCache cache, TimeProvider clock) : ITicketStore
{
    public Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        Keep(key, ticket);
        return Task.FromResult(key);
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        Keep(key, ticket);
        return Task.CompletedTask;
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => Task.FromResult(cache.Get<AuthenticationTicket>(Prefix + key));

    public Task RemoveAsync(string key)
    {
        cache.Remove(Prefix + key);
        return Task.CompletedTask;
    }

    private const string Prefix = "session:";

    private void Keep(string key, AuthenticationTicket ticket)
    {
        var expires = ticket.Properties.ExpiresUtc ?? clock.GetUtcNow().AddMinutes(20);
        cache.Set(Prefix + key, ticket, new MemoryCacheEntryOptions { AbsoluteExpiration = expires });
    }
}

/// <summary>Hands the ticket store to the cookie handler (it is built from the service provider).</summary>
internal sealed class UseServerSideTickets(ServerSideTickets tickets) : Microsoft.Extensions.Options.IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options) => options.SessionStore = tickets;
}
