using System.Globalization;
using System.Net;
using Lrs.Analytics.Projection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lrs.Analytics.Tests.Server;

/// <summary>
/// The server's answer to an analytics query out of DuckDB's memory: the limit grows and a read runs again; at the
/// ceiling, 503 with Retry-After. The dashboard's own queries need a store of about a million statements to run out,
/// so an extra /api endpoint runs a query that cannot spill (one list of 3 million numbers) through the same pipeline.
/// </summary>
public sealed class AnalyticsMemoryApiTests
{
    private const string HungryPath = "/api/test/hungry";

    [Fact]
    public async Task A_read_out_of_memory_grows_the_limit_and_is_answered_from_the_second_try()
    {
        await using var server = new AnalyticsServer();
        await using var hungry = WithHungryEndpoint(server, maxMemoryMb: 256);
        using var client = hungry.CreateClient();
        using var response = await client.GetAsync(new Uri(HungryPath, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3000000", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        // 32 failed, 64 failed, 128 held it; and the limit stays there for the next query.
        Assert.Equal(128, hungry.Services.GetRequiredService<AnalyticsProjection>().MemoryLimitMb);
    }

    [Fact]
    public async Task At_the_ceiling_the_answer_is_503_with_retry_after_naming_the_setting()
    {
        await using var server = new AnalyticsServer();
        await using var hungry = WithHungryEndpoint(server, maxMemoryMb: 64);
        using var client = hungry.CreateClient();
        using var response = await client.GetAsync(new Uri(HungryPath, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("5", response.Headers.RetryAfter?.ToString());
        Assert.Contains("LRS_ANALYTICS_MEMORY_MB", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(64, hungry.Services.GetRequiredService<AnalyticsProjection>().MemoryLimitMb);
    }

    /// <summary>The analytics server with the memory ceiling set and the extra endpoint at the end of its pipeline.</summary>
    private static WebApplicationFactory<Program> WithHungryEndpoint(AnalyticsServer server, int maxMemoryMb) =>
        server.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("LRS_ANALYTICS_MEMORY_MB", maxMemoryMb.ToString(CultureInfo.InvariantCulture));
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new HungryEndpoint()));
        });

    private sealed class HungryEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map(HungryPath, branch => branch.Run(async context =>
            {
                using var connection = context.RequestServices.GetRequiredService<AnalyticsProjection>().OpenRead();
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT len(list(i)) FROM range(3000000) t(i)";
                var count = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
                await context.Response.WriteAsync(count.ToString(CultureInfo.InvariantCulture));
            }));
        };
    }
}
