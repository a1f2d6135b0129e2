using GraphQL;

namespace CustomerTimeline.Api.GraphQLServer;

/// <summary>A caller mistake (bad id, cursor, page size, argument combination): message shown as is.</summary>
public sealed class UserInputError : ExecutionError
{
    public UserInputError(string message) : base(message)
    {
        Code = "BAD_USER_INPUT";
    }

    /// <summary>A caller's value quoted back in a message: at most 40 characters, so a huge argument is not echoed whole.</summary>
    public static string Excerpt(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length <= 40 ? value : value[..40] + "…";
    }
}
