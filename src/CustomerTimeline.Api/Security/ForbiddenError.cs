using GraphQL;

namespace CustomerTimeline.Api.Security;

/// <summary>The caller's token lacks the permission one field needs; the rest of the response still resolves.</summary>
public sealed class ForbiddenError : ExecutionError
{
    public ForbiddenError(string permissionName)
        : this(permissionName, "This field")
    {
    }

    /// <param name="permissionName">The configured name of the missing permission (or "A or B").</param>
    /// <param name="what">What needs it, as the sentence's subject: "Looking a customer up by email".</param>
    public ForbiddenError(string permissionName, string what)
        : base($"{what} requires the {permissionName} permission (as a delegated scope or an app role).")
    {
        Code = "FORBIDDEN";
    }
}
