using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Lrs.Server.Tests;

/// <summary>
/// The LRS on real Kestrel at a free loopback port, for behaviour the in-memory test server does not reproduce:
/// Kestrel drops the body of a HEAD response and enforces the request size limit Program.cs gives it.
/// </summary>
public class KestrelLrs : TestLrs
{
    public KestrelLrs() => UseKestrel();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Port 0: the OS picks a free port, so parallel runs (and a server on 8080) never collide.
        builder.UseSetting("urls", "http://127.0.0.1:0");
    }

    protected override Uri ServerAddress()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        return new Uri(addresses.Addresses.First());
    }
}
