using GraphQL;

namespace CustomerTimeline.Api.GraphQLServer;

/// <summary>A caller mistake (bad id, cursor, page size, argument combination): message shown as is.</summary>
public sealed class UserInputError : ExecutionError
{
    public UserInputError(string message) : base(message)
    {
        Code = "BAD_USER_INPUT";
    }
}
