using Procurement.Grpc;
using Procurement.Interop;

// interop-client --server_host=H --server_port=N --test_case=NAME[,NAME…|all]
// Exit code 0 only when every named case passed.
var host = "127.0.0.1";
var port = 0;
var testCase = "";
foreach (var arg in args)
{
    var (key, value) = arg.Split('=', 2) is [var k, var v] ? (k, v) : (arg, "");
    switch (key)
    {
        case "--server_host": host = value; break;
        case "--server_port": port = int.Parse(value); break;
        case "--test_case": testCase = value; break;
        case "--use_tls" when value != "false":
            Console.Error.WriteLine("TLS is not supported by this interop client.");
            return 2;
    }
}
if (port == 0 || testCase.Length == 0)
{
    Console.Error.WriteLine("usage: interop-client --server_host=H --server_port=N --test_case=NAME[,NAME...|all]");
    return 2;
}

using var channel = GrpcChannel.ForAddress($"http://{host}:{port}");
var client = new InteropClient(channel);
var cases = testCase == "all" ? InteropClient.Cases : testCase.Split(',');
var failed = 0;
foreach (var name in cases)
{
    try
    {
        await client.RunAsync(name).WaitAsync(TimeSpan.FromSeconds(30));
        Console.WriteLine($"PASS {name}");
    }
    catch (Exception ex) when (ex is InteropFailure or RpcException or ArgumentException or TimeoutException)
    {
        failed++;
        Console.WriteLine($"FAIL {name}: {ex.Message}");
    }
}
return failed == 0 ? 0 : 1;
