namespace Lrs.Server.Tests.Dashboard.Browser;

/// <summary>Every browser test class shares one demo server and one Chromium (loading the demo takes seconds).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<DemoDashboard>
{
    public const string Name = "dashboard browser";
}
