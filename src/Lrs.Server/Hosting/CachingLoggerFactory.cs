using System.Collections.Concurrent;

namespace Lrs.Server.Hosting;

/// <summary>
/// One logger per category in front of Serilog's factory, which makes a new one (and a Serilog logger enriched with
/// its source) on every call. ASP.NET Core creates its authentication handlers for every request, and each asks the
/// factory for a logger: two a request on the xAPI (the policy scheme's handler and the Basic one), a few percent of
/// the request threads' CPU under single-statement POSTs in a `perf` profile (issue 6). Microsoft's own factory keeps
/// its loggers by category the same way; categories are type names, so the cache stays small.
/// </summary>
internal sealed class CachingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) =>
        _loggers.GetOrAdd(categoryName, static (name, factory) => factory.CreateLogger(name), inner);

    public void AddProvider(ILoggerProvider provider)
    {
        // Loggers made before a provider is added would not write to it: start over.
        inner.AddProvider(provider);
        _loggers.Clear();
    }

    public void Dispose() => inner.Dispose();

    /// <summary>Puts the cache in front of the logger factory registered last (Serilog's, by UseSerilog).</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(ILoggerFactory));
        services.Remove(registered);
        services.AddSingleton<ILoggerFactory>(sp => new CachingLoggerFactory(registered switch
        {
            { ImplementationInstance: ILoggerFactory instance } => instance,
            { ImplementationFactory: { } create } => (ILoggerFactory)create(sp),
            _ => (ILoggerFactory)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!),
        }));
    }
}
