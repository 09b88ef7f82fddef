using Procurement.Moderation;
using Procurement.Moderation.Persistence;

if (args is ["migrate", .. var rest]) return await ModerationMigrations.RunAsync(rest);

var builder = WebApplication.CreateBuilder(args);
builder.AddModerationServices();

var app = builder.Build();
app.MapModerationServices();
if (app.Configuration.GetValue<bool>("Database:MigrateOnStart")) await ModerationMigrations.MigrateAsync(app.Services);

await app.RunAsync();
return 0;
