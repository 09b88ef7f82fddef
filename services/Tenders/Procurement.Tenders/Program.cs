using Procurement.Tenders;
using Procurement.Tenders.Persistence;

if (args is ["migrate", .. var rest]) return await TenderMigrations.RunAsync(rest);

var builder = WebApplication.CreateBuilder(args);
builder.AddTenderServices();

var app = builder.Build();
app.MapTenderServices();
if (app.Configuration.GetValue<bool>("Database:MigrateOnStart")) await TenderMigrations.MigrateAsync(app.Services);

await app.RunAsync();
return 0;
