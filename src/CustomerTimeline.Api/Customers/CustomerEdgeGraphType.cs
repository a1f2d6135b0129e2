using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Relay;

namespace CustomerTimeline.Api.Customers;

public sealed class CustomerEdgeGraphType() : EdgeGraphType<CustomerGraphType, Customer>("Customer");
