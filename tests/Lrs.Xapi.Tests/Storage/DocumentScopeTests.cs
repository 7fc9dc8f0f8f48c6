using Lrs.Xapi.Storage;

namespace Lrs.Xapi.Tests.Storage;

public class DocumentScopeTests
{
    [Fact]
    public void A_state_scope_holds_activity_agent_and_the_registration_in_lowercase_D_form()
    {
        var scope = DocumentScope.State("https://example.com/a", "mbox:mailto:a@example.com", new Guid("0B3C5D7E-9F1A-4B2C-8D3E-5F6A7B8C9D0E"));

        Assert.Equal(new DocumentScope(DocumentKind.State, "https://example.com/a", "mbox:mailto:a@example.com", "0b3c5d7e-9f1a-4b2c-8d3e-5f6a7b8c9d0e"), scope);
    }

    [Fact]
    public void A_state_scope_without_registration_has_an_empty_one() =>
        Assert.Equal("", DocumentScope.State("https://example.com/a", "k", null).Registration);

    [Fact]
    public void Profile_scopes_leave_the_other_parts_empty()
    {
        Assert.Equal(new DocumentScope(DocumentKind.ActivityProfile, "https://example.com/a", "", ""), DocumentScope.ActivityProfile("https://example.com/a"));
        Assert.Equal(new DocumentScope(DocumentKind.AgentProfile, "", "k", ""), DocumentScope.AgentProfile("k"));
    }

    [Fact]
    public void A_replace_change_carries_its_content()
    {
        var change = Assert.IsType<DocumentChange.ReplaceChange>(DocumentChange.Replace([1, 2], "application/octet-stream"));

        Assert.Equal([1, 2], change.Content);
        Assert.Equal("application/octet-stream", change.ContentType);
        Assert.IsType<DocumentChange.KeepChange>(DocumentChange.Keep);
        Assert.IsType<DocumentChange.DeleteChange>(DocumentChange.Delete);
    }
}
