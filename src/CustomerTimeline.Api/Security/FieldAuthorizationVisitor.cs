using GraphQL.Resolvers;
using GraphQL.Types;
using GraphQL.Utilities;

namespace CustomerTimeline.Api.Security;

/// <summary>
/// Runs once when the schema is built: every root field requires Timeline.Read (mutations also Timeline.Write),
/// and every field with security metadata gets its resolver wrapped. Interfaces carry no resolvers, so the rule
/// lives on each object type's field and holds whatever path or fragment reached it.
/// </summary>
public sealed class FieldAuthorizationVisitor : BaseSchemaNodeVisitor
{
    public override void VisitObjectFieldDefinition(FieldType field, IObjectGraphType type, ISchema schema)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(schema);
        if (ReferenceEquals(type, schema.Query) || ReferenceEquals(type, schema.Subscription))
        {
            field.AddRequiredPermission(Access.Read);
        }
        else if (ReferenceEquals(type, schema.Mutation))
        {
            field.AddRequiredPermission(Access.Read);
            field.AddRequiredPermission(Access.Write);
        }

        var required = FieldSecurity.RequiredPermissions(field);
        var pii = FieldSecurity.PiiKindOf(field);
        if (required.Length == 0 && pii is null) return;
        field.Resolver = new SecuredFieldResolver(field.Resolver ?? NameFieldResolver.Instance, required, pii);
    }
}
