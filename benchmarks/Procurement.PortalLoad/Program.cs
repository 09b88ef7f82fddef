using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

// procurement-portal-load --portal URL --users N --duration S --warmup S --page tenders|scores
// Each of N users signs in (development "sign in as") with its own session, then asks for the page again and again
// for warmup + duration seconds; only the measured window is reported. "scores" is the chair's score matrix of the
// first evaluation Kate Chair (the demo's Kent chair) sees; "tenders" is the tender list, as the demo's people in turn.
var options = Args.Parse(args);
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };

string[] listers = ["officer", "victim-support", "catch-22", "kent-officer", "kent-chair", "essex-officer", "essex-cfo", "kent-pcc"];
string path;
string Profile(int user) => options.Page == "scores" ? "kent-chair" : listers[user % listers.Length];
if (options.Page == "scores")
{
    using var chair = await Session.SignInAsync(options.Portal, "kent-chair", stop.Token);
    var list = await chair.GetStringAsync("/evaluations", stop.Token);
    var id = Regex.Match(list, "href=\"/evaluations/([0-9a-f-]{36})\"").Groups[1].Value;
    if (id.Length == 0) { Console.Error.WriteLine("portal-load: Kate Chair sees no evaluation (run the demo first: scripts/up.sh)"); return 2; }
    path = $"/evaluations/{id}/scores";
}
else path = "/tenders";

var sessions = await Task.WhenAll(Enumerable.Range(0, options.Users).Select(u => Session.SignInAsync(options.Portal, Profile(u), stop.Token)));
var measuredFrom = Stopwatch.GetTimestamp() + (long)(options.Warmup * Stopwatch.Frequency);
var until = measuredFrom + (long)(options.Duration * Stopwatch.Frequency);
var server = new List<double>[options.Users];
var client = new List<double>[options.Users];
var errors = new int[options.Users];
await Task.WhenAll(sessions.Select((session, u) => Task.Run(async () =>
{
    server[u] = [];
    client[u] = [];
    while (Stopwatch.GetTimestamp() < until && !stop.IsCancellationRequested)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await session.Http.GetAsync(path, HttpCompletionOption.ResponseContentRead, stop.Token);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (started < measuredFrom) continue;
        if (response.StatusCode != HttpStatusCode.OK || !response.RequestMessage!.RequestUri!.AbsolutePath.Equals(path, StringComparison.Ordinal)) { errors[u]++; continue; }
        client[u].Add(elapsed);
        if (response.Headers.TryGetValues("Server-Timing", out var timing)
            && Regex.Match(string.Join(',', timing), @"app;dur=([0-9.]+)") is { Success: true } m)
            server[u].Add(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
    }
})));
foreach (var session in sessions) session.Dispose();

var serverAll = server.SelectMany(x => x).Order().ToArray();
var clientAll = client.SelectMany(x => x).Order().ToArray();
double P(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"page={options.Page} path={path} users={options.Users} seconds={options.Duration} requests={clientAll.Length} rps={clientAll.Length / options.Duration:0.0} errors={errors.Sum()} " +
    $"server_p50={P(serverAll, 50):0.0} server_p95={P(serverAll, 95):0.0} server_p99={P(serverAll, 99):0.0} " +
    $"client_p50={P(clientAll, 50):0.0} client_p95={P(clientAll, 95):0.0} client_p99={P(clientAll, 99):0.0}"));
return errors.Sum() == 0 && clientAll.Length > 0 ? 0 : 1;

internal sealed record Args(Uri Portal, int Users, double Duration, double Warmup, string Page)
{
    public static Args Parse(string[] args)
    {
        string Value(string name, string fallback) =>
            args.SkipWhile(a => a != "--" + name).Skip(1).FirstOrDefault() ?? fallback;
        var page = Value("page", "tenders");
        if (page is not ("tenders" or "scores")) throw new ArgumentException("--page is tenders or scores");
        return new Args(new Uri(Value("portal", "http://127.0.0.1:5190")), int.Parse(Value("users", "50"), CultureInfo.InvariantCulture),
            double.Parse(Value("duration", "30"), CultureInfo.InvariantCulture), double.Parse(Value("warmup", "5"), CultureInfo.InvariantCulture), page);
    }
}

/// <summary>One person's session: its own cookies, signed in through the development sign-in page (with its antiforgery token).</summary>
internal sealed class Session(HttpClient http) : IDisposable
{
    public HttpClient Http { get; } = http;

    public Task<string> GetStringAsync(string path, CancellationToken cancellation) => Http.GetStringAsync(path, cancellation);

    public static async Task<Session> SignInAsync(Uri portal, string profile, CancellationToken cancellation)
    {
        var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true, AllowAutoRedirect = true })
        {
            BaseAddress = portal,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var form = await http.GetStringAsync("/sign-in", cancellation);
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var response = await http.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["profile"] = profile,
            ["__RequestVerificationToken"] = token,
        }), cancellation);
        if (!response.IsSuccessStatusCode || response.RequestMessage!.RequestUri!.AbsolutePath.StartsWith("/sign-in", StringComparison.Ordinal))
            throw new InvalidOperationException($"Signing in as {profile} failed: {(int)response.StatusCode} at {response.RequestMessage!.RequestUri}");
        return new Session(http);
    }

    public void Dispose() => Http.Dispose();
}
