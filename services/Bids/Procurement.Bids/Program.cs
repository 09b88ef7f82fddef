using Procurement.Bids;
using Procurement.Bids.Persistence;

if (args is ["migrate", .. var rest]) return await BidMigrations.RunAsync(rest);

var builder = WebApplication.CreateBuilder(args);
builder.AddBidServices();

var app = builder.Build();
app.MapBidServices();
if (app.Configuration.GetValue<bool>("Database:MigrateOnStart")) await BidMigrations.MigrateAsync(app.Services);

await app.RunAsync();
return 0;
