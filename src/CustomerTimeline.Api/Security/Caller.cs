using System.Security.Claims;
using Microsoft.Identity.Web;

namespace CustomerTimeline.Api.Security;

/// <summary>
/// Who is calling and what they may do, read once per request from the validated token. Delegated tokens carry
/// scopes in <c>scp</c>; application tokens carry app roles in <c>roles</c>; either grants a permission.
/// </summary>
public sealed class Caller
{
    public static readonly Caller Anonymous = new(null, null, new HashSet<Access>());

    private readonly HashSet<Access> _permissions;

    private Caller(string? tenantId, string? objectId, HashSet<Access> permissions)
    {
        TenantId = tenantId;
        ObjectId = objectId;
        _permissions = permissions;
    }

    /// <summary>Entra ID tenant of the caller (<c>tid</c>).</summary>
    public string? TenantId { get; }

    /// <summary>Object id of the user or service principal (<c>oid</c>), never a name or an email.</summary>
    public string? ObjectId { get; }

    public bool Has(Access permission) => _permissions.Contains(permission);

    /// <summary>
    /// Whether the caller may find customers by their personal data (search on names and emails, look-ups by email or
    /// phone): it sees that data unmasked, or handles privacy requests, whose exports carry all of it anyway.
    /// </summary>
    public bool MayMatchPersonalData => Has(Access.PiiRead) || Has(Access.PrivacyManage);

    /// <summary>Key for per-caller limits: tenant + object id.</summary>
    public string? PartitionKey => TenantId is null || ObjectId is null ? null : TenantId + "/" + ObjectId;

    /// <summary>Reads the caller from the principal's claims (a request keeps its answer: <see cref="RequestCaller"/>).</summary>
    public static Caller From(ClaimsPrincipal? user, TimelineAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return user?.Identity?.IsAuthenticated == true ? Read(user, options) : Anonymous;
    }

    private static readonly Access[] AllAccess = Enum.GetValues<Access>();

    // Runs once per request: compares the granted names with the configured ones in place, without a set of strings
    // or a split.
    private static Caller Read(ClaimsPrincipal user, TimelineAuthOptions options)
    {
        var permissions = new HashSet<Access>();
        foreach (var claim in user.Claims)
        {
            if (claim.Type is ClaimConstants.Scp or ClaimConstants.Scope)
            {
                var scopes = claim.Value.AsSpan();
                foreach (var range in scopes.Split(' '))
                    Grant(permissions, scopes[range], options);
            }
            else if (claim.Type is ClaimConstants.Roles or ClaimConstants.Role or ClaimTypes.Role)
            {
                Grant(permissions, claim.Value, options);
            }
        }
        return new Caller(user.GetTenantId(), user.GetObjectId(), permissions);
    }

    private static void Grant(HashSet<Access> permissions, ReadOnlySpan<char> name, TimelineAuthOptions options)
    {
        if (name.IsEmpty) return;
        foreach (var permission in AllAccess)
        {
            if (name.SequenceEqual(options.NameOf(permission))) permissions.Add(permission);
        }
    }
}
