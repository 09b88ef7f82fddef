using System.Net;
using Microsoft.Extensions.Hosting;
using Procurement.Interop;

// interop-server --port=N [--host=ADDRESS]: serves grpc.testing.TestService over cleartext HTTP/2.
var port = 0;
var host = IPAddress.Loopback;
foreach (var arg in args)
{
    if (arg.StartsWith("--port=", StringComparison.Ordinal)) port = int.Parse(arg["--port=".Length..]);
    else if (arg.StartsWith("--host=", StringComparison.Ordinal)) host = IPAddress.Parse(arg["--host=".Length..]);
    else if (arg.StartsWith("--use_tls=", StringComparison.Ordinal) && arg != "--use_tls=false")
    {
        Console.Error.WriteLine("TLS is not offered by this interop server.");
        return 2;
    }
}

await using var app = await InteropServer.StartAsync(port, host);
Console.WriteLine($"listening on {app.BoundPort()}");
await app.WaitForShutdownAsync();
return 0;
