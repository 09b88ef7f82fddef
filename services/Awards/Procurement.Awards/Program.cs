using Procurement.Awards;
using Procurement.Awards.Persistence;

if (args is ["migrate", .. var rest]) return await AwardMigrations.RunAsync(rest);

var builder = WebApplication.CreateBuilder(args);
builder.AddAwardServices();

var app = builder.Build();
app.MapAwardServices();
if (app.Configuration.GetValue<bool>("Database:MigrateOnStart")) await AwardMigrations.MigrateAsync(app.Services);

await app.RunAsync();
return 0;
