using System.Diagnostics;
using System.Globalization;

namespace Procurement.Web;

/// <summary>
/// The W3C Server-Timing header on every answer: <c>app;dur=</c> the milliseconds the portal spent on the request
/// until its answer started (its calls to the gateway included), as browsers' developer tools and the page benchmark
/// (benchmarks/portal.sh) read it.
/// </summary>
internal static class ServerTiming
{
    public static Task AddAsync(HttpContext context, Func<Task> next)
    {
        var started = Stopwatch.GetTimestamp();
        context.Response.OnStarting(() =>
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            context.Response.Headers["Server-Timing"] = "app;dur=" + elapsed.ToString("0.0", CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
        return next();
    }
}
