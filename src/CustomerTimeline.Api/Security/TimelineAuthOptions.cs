using System.ComponentModel.DataAnnotations;

namespace CustomerTimeline.Api.Security;

/// <summary>
/// The permission names the API checks in a token's <c>scp</c> (delegated) or <c>roles</c> (application) claim,
/// and the tenants it accepts. No permission has a default in code: a missing name must stop the service
/// at start-up rather than leave a check that nothing can fail.
/// </summary>
public sealed class TimelineAuthOptions : IValidatableObject
{
    public const string Section = "Auth";

    public PermissionNames Permissions { get; set; } = new();

    /// <summary>Entra ID tenant ids whose tokens are accepted. Empty means only AzureAd:TenantId (when it is a tenant id).</summary>
    public List<string> AllowedTenants { get; set; } = [];

    public DevTokenOptions DevTokens { get; set; } = new();

    public string NameOf(Access permission) => permission switch
    {
        Access.Read => Permissions.Read,
        Access.Write => Permissions.Write,
        Access.PiiRead => Permissions.PiiRead,
        Access.PrivacyManage => Permissions.PrivacyManage,
        _ => throw new ArgumentOutOfRangeException(nameof(permission)),
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var permission in Enum.GetValues<Access>())
        {
            var key = $"{Section}:{nameof(Permissions)}:{permission}";
            var name = NameOf(permission);
            if (string.IsNullOrWhiteSpace(name))
                yield return new ValidationResult($"{key} is required: the scope / app role that grants {permission}. Without it the check could not fail, so the API refuses to start.", [key]);
            else if (name.Any(char.IsWhiteSpace))
                yield return new ValidationResult($"{key} must be a single scope / app role name without spaces; got '{name}'.", [key]);
        }
        var names = Enum.GetValues<Access>().Select(NameOf).Where(n => !string.IsNullOrWhiteSpace(n)).ToList();
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count)
            yield return new ValidationResult($"{Section}:{nameof(Permissions)} must name a different scope / app role for each permission.", [$"{Section}:{nameof(Permissions)}"]);
        if (DevTokens.Enabled && (DevTokens.LifetimeMinutes is < 1 or > 1440 || !Guid.TryParse(DevTokens.TenantId, out _)))
            yield return new ValidationResult($"{Section}:DevTokens needs a TenantId GUID and LifetimeMinutes between 1 and 1440.", [$"{Section}:DevTokens"]);
        foreach (var tenant in AllowedTenants)
        {
            if (!Guid.TryParse(tenant, out _))
                yield return new ValidationResult($"{Section}:{nameof(AllowedTenants)} must hold Entra ID tenant ids (GUIDs); got '{tenant}'.", [$"{Section}:{nameof(AllowedTenants)}"]);
        }
    }
}
