using Microsoft.AspNetCore.Authorization;

namespace CustomerTimeline.Api.Security;

/// <summary>An ASP.NET Core authorization requirement: the caller holds one permission as a scope or an app role.</summary>
public sealed class PermissionRequirement(Access permission) : IAuthorizationRequirement
{
    public Access Access { get; } = permission;
}
