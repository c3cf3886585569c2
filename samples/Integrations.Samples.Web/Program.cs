using Integrations.Samples.Web;

var app = ForgeApp.Build(args);
await ForgeApp.InitializeAsync(app);
await app.RunAsync();
