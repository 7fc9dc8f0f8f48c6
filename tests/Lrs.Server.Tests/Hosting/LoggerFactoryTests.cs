using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lrs.Server.Tests.Hosting;

/// <summary>
/// The server's logger factory keeps one logger per category (ASP.NET Core asks for one with every authentication
/// handler it creates, so for every request) and the loggers still write through Serilog.
/// </summary>
public sealed class LoggerFactoryTests(TestLrs lrs) : IClassFixture<TestLrs>
{
    [Fact]
    public void A_category_asked_for_twice_gets_the_same_logger()
    {
        var factory = lrs.Services.GetRequiredService<ILoggerFactory>();

        var first = factory.CreateLogger("Lrs.Server.Tests.Category");

        Assert.Same(first, factory.CreateLogger("Lrs.Server.Tests.Category"));
        Assert.NotSame(first, factory.CreateLogger("Lrs.Server.Tests.Other"));
        Assert.Contains("Serilog", first.GetType().FullName, StringComparison.Ordinal);
    }
}
