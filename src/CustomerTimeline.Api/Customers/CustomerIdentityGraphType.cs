using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Security;
using GraphQL.Types;

namespace CustomerTimeline.Api.Customers;

public sealed class CustomerIdentityGraphType : ObjectGraphType<CustomerIdentity>
{
    public CustomerIdentityGraphType()
    {
        Name = "CustomerIdentity";
        Description = "A deterministic key (email, phone, vendor id) that resolves to this customer.";
        Field(i => i.Kind, type: typeof(NonNullGraphType<EnumerationGraphType<IdentityKind>>));
        Field(i => i.Value).Description("Normalized value: lower-case email, E.164 phone, or the vendor's id. Vendor ids other than Matomo user ids are not personal data.")
            .Pii(PiiKind.IdentityValue);
        Field(i => i.Source, type: typeof(NonNullGraphType<EnumerationGraphType<EventSource>>))
            .Description("The source that first brought this key.");
        Field(i => i.FirstSeenAt);
    }
}
