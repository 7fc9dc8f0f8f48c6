using Lrs.Xapi.Storage;

namespace Lrs.Storage.ContractTests;

/// <summary>The dashboard account store contract, as every backend must pass it.</summary>
public abstract class AccountStoreContract
{
    protected abstract IAccountStore Accounts { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Created = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123);

    private static string NewEmail() => "user-" + Guid.NewGuid().ToString("N")[..12] + "@Example.org";

    private static Account Learner(string email) => new(email, "Ann Learner", "learner", "hash-of-" + email,
        """{"objectType":"Agent","mbox":"mailto:ann@example.org"}""", "mbox:mailto:ann@example.org", "store-a", Created, null);

    [Fact]
    public async Task A_created_account_is_found_by_email_with_everything_it_holds()
    {
        var email = NewEmail();

        Assert.True(await Accounts.CreateAsync(Learner(email), Ct));
        var found = await Accounts.FindAsync(email, Ct);

        Assert.Equal(Learner(email), found);
        Assert.Null(await Accounts.FindAsync(NewEmail(), Ct));
    }

    [Fact]
    public async Task Emails_are_found_ignoring_case_and_keep_the_case_they_were_saved_with()
    {
        var email = NewEmail();
        await Accounts.CreateAsync(Learner(email), Ct);

        var found = await Accounts.FindAsync(email.ToUpperInvariant(), Ct);

        Assert.Equal(email, found!.Email);
    }

    [Fact]
    public async Task Creating_an_existing_email_in_another_case_changes_nothing_and_reports_false()
    {
        var email = NewEmail();
        await Accounts.CreateAsync(Learner(email), Ct);

        Assert.False(await Accounts.CreateAsync(Learner(email.ToUpperInvariant()) with { Name = "Impostor", Role = "admin" }, Ct));

        Assert.Equal(Learner(email), await Accounts.FindAsync(email, Ct));
    }

    [Fact]
    public async Task Saving_replaces_every_field_of_the_account_with_that_email()
    {
        var email = NewEmail();
        await Accounts.CreateAsync(Learner(email), Ct);
        var disabled = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_456);
        var changed = new Account(email.ToLowerInvariant(), "Ann Manager", "manager", "new-hash", null, null, "store-b", Created, disabled);

        await Accounts.SaveAsync(changed, Ct);

        Assert.Equal(changed, await Accounts.FindAsync(email, Ct));
        Assert.Single((await Accounts.ListAsync(Ct)).Where(a => string.Equals(a.Email, email, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task Saving_an_unknown_email_creates_the_account()
    {
        var email = NewEmail();

        await Accounts.SaveAsync(Learner(email), Ct);

        Assert.Equal(Learner(email), await Accounts.FindAsync(email, Ct));
    }

    [Fact]
    public async Task The_list_holds_every_account_oldest_first()
    {
        var (older, newer) = (NewEmail(), NewEmail());
        await Accounts.CreateAsync(Learner(newer) with { Created = Created.AddDays(2) }, Ct);
        await Accounts.CreateAsync(Learner(older) with { Created = Created.AddDays(1) }, Ct);

        var emails = (await Accounts.ListAsync(Ct)).Select(a => a.Email).ToList();

        Assert.True(emails.IndexOf(older) >= 0 && emails.IndexOf(older) < emails.IndexOf(newer), string.Join(", ", emails));
    }

    [Fact]
    public async Task Deleting_removes_the_account_and_unknown_emails_report_false()
    {
        var email = NewEmail();
        await Accounts.CreateAsync(Learner(email), Ct);

        Assert.True(await Accounts.DeleteAsync(email.ToUpperInvariant(), Ct));

        Assert.Null(await Accounts.FindAsync(email, Ct));
        Assert.False(await Accounts.DeleteAsync(email, Ct));
    }
}
