using Integrations.Samples.CustomIntegration;

// dotnet run --project samples/Integrations.Samples.CustomIntegration [path/to/database.db]
var path = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "integrations-sample.db");
await CustomIntegrationDemo.RunAsync(path, Console.Out);
