using System.Security.Claims;
using CustomerTimeline.Api.Security;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Tests.Security;

public sealed class RequestCallerTests
{
    private static readonly TimelineAuthOptions Auth = new()
    {
        Permissions = new PermissionNames { Read = "Timeline.Read", Write = "Timeline.Write", PiiRead = "Timeline.Pii.Read", PrivacyManage = "Timeline.Privacy" },
    };

    [Fact]
    public void A_request_reads_its_caller_once_and_again_only_when_its_principal_is_replaced()
    {
        var request = new RequestCaller(Options.Create(Auth));
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity());
        var reader = Principal("tenant-a", "user-1", "Timeline.Read");
        var admin = Principal("tenant-a", "user-2", "Timeline.Read Timeline.Pii.Read");

        // Before authentication the request is anonymous; after it, the authenticated principal counts.
        request.For(anonymous).ShouldBeSameAs(Caller.Anonymous);
        var first = request.For(reader);
        first.Has(Access.Read).ShouldBeTrue();
        first.Has(Access.PiiRead).ShouldBeFalse();
        first.PartitionKey.ShouldBe("tenant-a/user-1");
        request.For(reader).ShouldBeSameAs(first, "the rate limiter, the endpoint's authorization and GraphQL share one read");

        var second = request.For(admin);
        second.PartitionKey.ShouldBe("tenant-a/user-2", "another principal is never answered with the first one's caller");
        second.Has(Access.PiiRead).ShouldBeTrue();
        request.For(null).ShouldBeSameAs(Caller.Anonymous);
    }

    private static ClaimsPrincipal Principal(string tenant, string objectId, string scopes) =>
        new(new ClaimsIdentity(
            [
                new Claim("http://schemas.microsoft.com/identity/claims/tenantid", tenant),
                new Claim("http://schemas.microsoft.com/identity/claims/objectidentifier", objectId),
                new Claim("scp", scopes),
            ],
            authenticationType: "Bearer"));
}
