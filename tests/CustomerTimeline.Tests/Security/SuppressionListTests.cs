using CustomerTimeline.Api.Customers;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Privacy;
using CustomerTimeline.Tests.Infrastructure;

namespace CustomerTimeline.Tests.Security;

/// <summary>
/// The API the sync engine calls before importing a source record. (Re-running every connector against WireMock
/// after an erasure belongs with the connectors and the sync engine.)
/// </summary>
public sealed class SuppressionListTests : IAsyncLifetime
{
    private readonly TimelineApiFactory _factory = new();

    public async Task InitializeAsync() => await _factory.SeedAsync(db =>
    {
        db.SuppressedIdentities.Add(new SuppressedIdentity
        {
            Kind = IdentityKind.Email,
            ValueHash = SuppressionList.Hash(IdentityKind.Email, "erased@example.com"),
            SuppressedAt = SampleData.T0,
            PrivacyRequestId = 1,
        });
        return Task.CompletedTask;
    });

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public void Hash_is_hex_sha256_of_kind_and_value_so_equal_text_of_another_kind_differs()
    {
        var hash = SuppressionList.Hash(IdentityKind.Email, "erased@example.com");
        hash.ShouldBe(SuppressionList.Hash(IdentityKind.Email, "erased@example.com"));
        hash.Length.ShouldBe(64);
        hash.ShouldNotContain("erased");
        SuppressionList.Hash(IdentityKind.ZendeskUserId, "erased@example.com").ShouldNotBe(hash);
    }

    [Fact]
    public async Task Suppressed_keys_are_found_and_others_are_not()
    {
        var found = await _factory.WithDbAsync(async db =>
        {
            var list = new SuppressionList(db);
            return (
                Same: await list.IsSuppressedAsync(IdentityKind.Email, "erased@example.com"),
                OtherValue: await list.IsSuppressedAsync(IdentityKind.Email, "kept@example.com"),
                OtherKind: await list.IsSuppressedAsync(IdentityKind.TypeformRespondentId, "erased@example.com"));
        });
        found.Same.ShouldBeTrue();
        found.OtherValue.ShouldBeFalse();
        found.OtherKind.ShouldBeFalse();
    }

    [Fact]
    public async Task A_page_of_keys_is_checked_in_one_call()
    {
        NormalizedKey erased = new(IdentityKind.Email, "erased@example.com");
        NormalizedKey kept = new(IdentityKind.Email, "kept@example.com");
        NormalizedKey otherKind = new(IdentityKind.ZendeskUserId, "erased@example.com");
        var suppressed = await _factory.WithDbAsync(db => new SuppressionList(db).FindSuppressedAsync([erased, kept, otherKind, erased]));
        suppressed.ShouldBe([erased]);
        (await _factory.WithDbAsync(db => new SuppressionList(db).FindSuppressedAsync([]))).ShouldBeEmpty();
    }
}
