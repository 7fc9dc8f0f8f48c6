using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Lrs.Server.Tests.Dashboard.Browser;

/// <summary>One browser tab on the dashboard: navigation that waits for a view to finish, its figures, console errors.</summary>
public sealed class DashboardPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];

    public DashboardPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_errors)
                {
                    _errors.Add(message.Text + " at " + message.Location);
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_errors)
            {
                _errors.Add("uncaught: " + error);
            }
        };
    }

    public IPage Page { get; }

    public IAPIRequestContext Request => _context.APIRequest;

    /// <summary>Opens #/route and waits until the view has rendered (the shell marks main as no longer busy).</summary>
    public async Task GoAsync(string route)
    {
        var before = await RenderCountAsync();
        await Page.GotoAsync("/#/" + route);
        await WaitForRenderAfterAsync(before);
    }

    /// <summary>Waits for the next render after an action on the page (a filter change, a click).</summary>
    public async Task<T> RenderedAfterAsync<T>(Func<Task<T>> action)
    {
        var before = await RenderCountAsync();
        var result = await action();
        await WaitForRenderAfterAsync(before);
        return result;
    }

    public async Task RenderedAfterAsync(Func<Task> action) =>
        await RenderedAfterAsync(async () => { await action(); return true; });

    /// <summary>The exact value behind a headline figure (the data element's value attribute).</summary>
    public async Task<string> FigureAsync(string kpiId) =>
        await Page.Locator($"#{kpiId} data").GetAttributeAsync("value") ?? "";

    public async Task<double> NumberAsync(string kpiId) => double.Parse(await FigureAsync(kpiId), CultureInfo.InvariantCulture);

    /// <summary>Every console error and uncaught exception so far (a failed request shows as "Failed to load resource").</summary>
    public IReadOnlyList<string> ConsoleErrors()
    {
        lock (_errors)
        {
            return [.. _errors];
        }
    }

    /// <summary>Signs in through the sign-in page's form, as a person would, and waits for the first view to render.</summary>
    public async Task SignInThroughTheFormAsync(DashboardAccount account)
    {
        await Page.GotoAsync("/sign-in.html");
        await Page.GetByLabel("Email").FillAsync(account.Email);
        await Page.GetByLabel("Password").FillAsync(account.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await WaitForUrlAsync(ViewUrl);
        await WaitForRenderAfterAsync(0);
    }

    /// <summary>The sign-in page, whatever its query.</summary>
    public static readonly Regex SignInUrl = new(@"^https?://[^/]+/sign-in\.html(\?.*)?$");

    /// <summary>A dashboard view (/#/view...).</summary>
    public static readonly Regex ViewUrl = new(@"^https?://[^/]+/#/");

    /// <summary>
    /// Waits until the page's URL matches, polling it. WaitForURLAsync waits for a navigation event instead, and on a
    /// busy machine missed a redirect that committed between its first look at the URL and its subscription.
    /// </summary>
    public async Task WaitForUrlAsync(Regex url) => await Assertions.Expect(Page).ToHaveURLAsync(url, new() { Timeout = 30_000 });

    public async Task ScreenshotAsync(string name) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DemoDashboard.ScreenshotDir, name + ".png") });

    public async ValueTask DisposeAsync() => await _context.CloseAsync();

    private async Task<int> RenderCountAsync() =>
        Page.Url.StartsWith("http", StringComparison.Ordinal)
            ? await Page.EvaluateAsync<int>("() => Number(document.body?.dataset.rendered ?? 0)")
            : 0;

    private async Task WaitForRenderAfterAsync(int before)
    {
        await Page.WaitForFunctionAsync(
            "n => Number(document.body.dataset.rendered ?? 0) > n && document.getElementById('main').getAttribute('aria-busy') === 'false'",
            before, new PageWaitForFunctionOptions { Timeout = 20_000 });
        // Charts draw on the next frame; screenshots and PNG downloads want them drawn.
        await Page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
    }
}
