using GraphQL;

namespace CustomerTimeline.Api.Security;

/// <summary>The caller's token lacks the permission one field needs; the rest of the response still resolves.</summary>
public sealed class ForbiddenError : ExecutionError
{
    public ForbiddenError(string permissionName)
        : base($"This field requires the {permissionName} permission (as a delegated scope or an app role).")
    {
        Code = "FORBIDDEN";
    }
}
