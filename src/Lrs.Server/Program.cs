using Lrs.Server.Analytics;
using Lrs.Server.Auth;
using Lrs.Server.Cli;
using Lrs.Server.Dashboard;
using Lrs.Server.Hosting;
using Lrs.Server.Xapi;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Serilog;

NativeMemoryTuning.Apply();

// Operator commands (credentials, accounts, import, generate, projection) run against the data directory and exit; anything else starts the server.
if (args is ["credentials", .. var rest])
{
    var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
    return await CredentialsCommand.RunAsync(rest, LrsOptions.FromConfiguration(configuration), Console.Out, CancellationToken.None);
}

if (args is ["accounts", .. var accountArgs])
{
    var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
    return await AccountsCommand.RunAsync(accountArgs, LrsOptions.FromConfiguration(configuration), Console.Out, CancellationToken.None);
}

if (args is ["import", .. var importArgs])
{
    var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
    return await ImportCommand.RunAsync(importArgs, configuration, Console.Out, CancellationToken.None);
}

if (args is ["generate" or "projection", ..])
{
    var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
    return await AnalyticsCommands.RunAsync(args, configuration, Console.Out, CancellationToken.None);
}

// demo: the server on a demo data directory, loaded with a generated organisation and demo accounts.
DemoMode? demo = null;
if (args is ["demo", .. var demoArgs] && (demo = DemoMode.Parse(demoArgs, Console.Out)) is null)
{
    return 2;
}

// Configuration is read once: reloading on change watches the content root with its subdirectories, and the data
// directory (./data by default) lives there, so every database write woke the watcher.
var builder = WebApplication.CreateBuilder([.. demo?.HostArgs ?? args, "--hostBuilder:reloadConfigOnChange=false"]);
builder.Configuration.AddInMemoryCollection(demo?.Settings ?? new Dictionary<string, string?>());
var options = LrsOptions.FromConfiguration(builder.Configuration);

// Structured logs with request ids; secrets never reach them (credentials are not logged, bodies are not logged).
builder.Host.UseSerilog((context, logger) => logger
    .ReadFrom.Configuration(context.Configuration)
    .Enrich.FromLogContext()
    .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}"));
CachingLoggerFactory.Decorate(builder.Services);

// http://localhost:8080 unless --urls or ASPNETCORE_URLS says otherwise.
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://localhost:8080");
}

builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxRequestBytes);
builder.Services.AddLrs(options);

var app = builder.Build();
app.UseSerilogRequestLogging();
app.UseCors();
if (options.Role.ServesXapi())
{
    app.UseXapiPipeline();
}

if (options.Role.ServesDashboard())
{
    app.UseApiErrorBodies();
    app.UseAnalyticsMemoryErrors();
}

app.UseRouting(); // after the alternate-syntax rewrite, so a rewritten request is routed by its real method
app.UseAuthentication();
app.UseAuthorization();

// LRS_ROLE: the xAPI, the dashboard (analytics, sign-in, accounts, pages), or both.
if (options.Role.ServesXapi())
{
    app.MapXapi();
}

if (options.Role.ServesDashboard())
{
    app.MapAnalytics();
    app.MapClassificationHealth();
    app.MapQuestionFlow();
    app.MapDashboardApi();
    app.MapDashboardPages(); // the pages at /
    await DashboardEndpoints.BootstrapAsync(app);
}

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });

await CredentialBootstrap.RunAsync(app.Services, app.Configuration, CancellationToken.None);
if (demo is not null)
{
    await app.StartAsync();
    await demo.LoadAsync(app, Console.Out, app.Lifetime.ApplicationStopping);
    await app.WaitForShutdownAsync();
    return 0;
}

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
