using Lrs.Xapi.Storage;

namespace Lrs.Storage.ContractTests;

/// <summary>The credential store contract, as every backend must pass it.</summary>
public abstract class CredentialStoreContract
{
    protected abstract StoreSet Stores { get; }

    private ICredentialStore Credentials => Stores.Credentials;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Credential New(string key, params string[] scopes) =>
        new(key, "hash-of-" + key, scopes, "name of " + key, "store-a", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000), null);

    [Fact]
    public async Task A_saved_credential_is_found_by_key_with_everything_it_holds()
    {
        var key = Guid.NewGuid().ToString("N");
        await Credentials.SaveAsync(New(key, "statements/write", "state"), Ct);

        var found = await Credentials.FindAsync(key, Ct);

        Assert.NotNull(found);
        Assert.Equal(["statements/write", "state"], found.Scopes);
        Assert.Equal("hash-of-" + key, found.SecretHash);
        Assert.Equal("name of " + key, found.Name);
        Assert.Equal("store-a", found.StoreId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000), found.Created);
        Assert.Null(found.Revoked);
        Assert.Null(await Credentials.FindAsync(Guid.NewGuid().ToString("N"), Ct));
    }

    [Fact]
    public async Task Saving_under_an_existing_key_replaces_the_credential()
    {
        var key = Guid.NewGuid().ToString("N");
        await Credentials.SaveAsync(New(key, "all"), Ct);
        await Credentials.SaveAsync(New(key, "statements/read") with { SecretHash = "new-hash" }, Ct);

        var found = await Credentials.FindAsync(key, Ct);

        Assert.Equal(["statements/read"], found!.Scopes);
        Assert.Equal("new-hash", found.SecretHash);
        Assert.Single((await Credentials.ListAsync(Ct)).Where(c => c.Key == key));
    }

    [Fact]
    public async Task Revoking_marks_the_credential_and_unknown_keys_report_false()
    {
        var key = Guid.NewGuid().ToString("N");
        await Credentials.SaveAsync(New(key, "all"), Ct);
        var when = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000);

        Assert.True(await Credentials.RevokeAsync(key, when, Ct));
        Assert.False(await Credentials.RevokeAsync(Guid.NewGuid().ToString("N"), when, Ct));
        Assert.Equal(when, (await Credentials.FindAsync(key, Ct))!.Revoked);
    }
}
