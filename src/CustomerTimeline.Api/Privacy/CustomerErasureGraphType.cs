using GraphQL.Types;

namespace CustomerTimeline.Api.Privacy;

public sealed class CustomerErasureGraphType : ObjectGraphType<CustomerErasure>
{
    public CustomerErasureGraphType()
    {
        Name = "CustomerErasure";
        Description = "The outcome of erasing a customer.";
        Field<NonNullGraphType<PrivacyRequestGraphType>>("request").Resolve(ctx => ctx.Source.Request);
        Field(e => e.AlreadyErased).Description("True when the customer had been erased before; nothing changed this time.");
        Field(e => e.DeletedRows).Description("Rows deleted: the profile, its identities and its events.");
        Field(e => e.SuppressedKeys).Description("Source keys newly added to the suppression list.");
    }
}
