using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;

namespace CustomerTimeline.Api.GraphQLServer;

/// <summary>
/// Bounds what an introspection selection can expand to, as graphql-js's MaxIntrospectionDepthRule does: under
/// <c>__schema</c> or <c>__type</c>, the lists that lead back to types (<c>fields</c>, <c>inputFields</c>,
/// <c>interfaces</c>, <c>possibleTypes</c>) nest at most two deep. Introspection costs nothing in the complexity
/// analysis and an introspection-only document is spared the depth limit (GraphiQL's own query nests 15 levels of
/// <c>ofType</c>), so this is what keeps <c>types { fields { type { fields { type { fields … } } } } }</c> from
/// multiplying the schema by itself.
/// </summary>
internal sealed class IntrospectionDepthValidationRule : ValidationRuleBase
{
    public static readonly IntrospectionDepthValidationRule Instance = new();

    private const int MaxListDepth = 3;

    // Fragments are followed on each path (a fragment used at two depths counts at both), so a document can make
    // the walk exponential; past this many selections it is refused like one too deep.
    private const int MaxSelectionsWalked = 10_000;

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        new(new MatchingNodeVisitor<GraphQLField>((field, ctx) =>
        {
            if (!IsIntrospectionRoot(field)) return;
            var walked = 0;
            if (TooDeep(ctx, field.SelectionSet, 0, [], ref walked))
                ctx.ReportError(new IntrospectionTooDeepError(ctx.Document.Source, field));
        }));

    internal static bool IsIntrospectionRoot(GraphQLField field) => field.Name == "__schema" || field.Name == "__type";

    private static bool TooDeep(ValidationContext context, GraphQLSelectionSet? set, int depth, HashSet<string> fragmentsOnPath, ref int walked)
    {
        if (set is null) return false;
        foreach (var selection in set.Selections)
        {
            if (++walked > MaxSelectionsWalked) return true;
            switch (selection)
            {
                case GraphQLField field:
                    var fieldDepth = field.Name == "fields" || field.Name == "inputFields" || field.Name == "interfaces" || field.Name == "possibleTypes"
                        ? depth + 1
                        : depth;
                    if (fieldDepth >= MaxListDepth || TooDeep(context, field.SelectionSet, fieldDepth, fragmentsOnPath, ref walked)) return true;
                    break;
                case GraphQLInlineFragment inline:
                    if (TooDeep(context, inline.SelectionSet, depth, fragmentsOnPath, ref walked)) return true;
                    break;
                case GraphQLFragmentSpread spread:
                    var name = spread.FragmentName.Name.StringValue;
                    // A cycle is the fragment-cycle rule's error; unknown fragments are another rule's.
                    if (context.Document.FindFragmentDefinition(name) is not { } fragment || !fragmentsOnPath.Add(name)) break;
                    var tooDeep = TooDeep(context, fragment.SelectionSet, depth, fragmentsOnPath, ref walked);
                    fragmentsOnPath.Remove(name);
                    if (tooDeep) return true;
                    break;
            }
        }
        return false;
    }
}
