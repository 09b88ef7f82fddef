using Procurement.Gateway;
using Procurement.Gateway.Tokens;

if (args is ["issue-token", .. var rest]) return IssueTokenCommand.Run(rest, Console.Out, Console.Error);

var builder = WebApplication.CreateBuilder(args);
builder.AddGateway();

var app = builder.Build();
app.MapGateway();

await app.RunAsync();
return 0;
