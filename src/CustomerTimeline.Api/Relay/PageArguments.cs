using GraphQL;
using CustomerTimeline.Api.GraphQLServer;

namespace CustomerTimeline.Api.Relay;

/// <summary>Validated Relay paging arguments: forward (first/after) or backward (last/before), never both.</summary>
public sealed record PageArguments(int Size, bool Backward, string? Cursor)
{
    public const int MaxPageSize = 100;
    public const int DefaultPageSize = 20;

    public static PageArguments From(IResolveFieldContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var first = context.GetArgument<int?>("first");
        var last = context.HasArgument("last") ? context.GetArgument<int?>("last") : null;
        var after = context.GetArgument<string?>("after");
        var before = context.HasArgument("before") ? context.GetArgument<string?>("before") : null;

        if (first is not null && last is not null)
            throw new UserInputError("Pass either 'first' or 'last', not both.");
        if ((first is not null || after is not null) && before is not null)
            throw new UserInputError("'before' pages backward; combine it with 'last', not with 'first' or 'after'.");
        if (last is not null && after is not null)
            throw new UserInputError("'after' pages forward; combine it with 'first', not with 'last'.");

        var backward = last is not null || before is not null;
        var size = (backward ? last : first) ?? DefaultPageSize;
        var name = backward ? "last" : "first";
        if (size < 0 || size > MaxPageSize)
            throw new UserInputError($"'{name}' must be between 0 and {MaxPageSize}; got {size}.");
        return new PageArguments(size, backward, backward ? before : after);
    }
}
