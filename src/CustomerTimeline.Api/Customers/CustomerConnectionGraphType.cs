using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Relay;

namespace CustomerTimeline.Api.Customers;

public sealed class CustomerConnectionGraphType()
    : ConnectionGraphType<CustomerGraphType, CustomerEdgeGraphType, Customer>("Customer");
