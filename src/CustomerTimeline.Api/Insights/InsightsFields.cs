using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.GraphQLServer;
using CustomerTimeline.Api.Journey;
using GraphQL.Types;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Insights;

/// <summary>The journey and insights fields of Customer, added by the Customer type with one call.</summary>
public static class InsightsFields
{
    public static void AddInsightsFields(this ObjectGraphType<Customer> customer)
    {
        ArgumentNullException.ThrowIfNull(customer);

        customer.Field<NonNullGraphType<CustomerJourneyGraphType>>("journey")
            .Description("The personal journey map: stages reached and when, events per stage, friction, skipped stages, comparison with everyone.")
            .Resolve(ctx =>
            {
                var services = ctx.RequestServices!;
                var id = ctx.Source.Id;
                var map = services.GetRequiredService<JourneyMapStore>().Current;
                var summary = services.GetRequiredService<CustomerSummaryLoader>().Load(id);
                var signals = services.GetRequiredService<OpenSignalsLoader>().Load(id);
                return services.GetRequiredService<JourneyStagesLoader>().Load(id).Then(async (stages, ct) =>
                    new CustomerJourneyView(id, map, await summary.GetResultAsync(ct), stages, await signals.GetResultAsync(ct)));
            });

        customer.Field<ExperienceGraphType>("experience")
            .Description("Experience score 0-100 with drivers and trend; null until the customer has been computed.")
            .Resolve(ctx =>
            {
                var services = ctx.RequestServices!;
                var options = services.GetRequiredService<IOptions<ExperienceOptions>>().Value;
                return services.GetRequiredService<CustomerSummaryLoader>().Load(ctx.Source.Id)
                    .Then(summary => summary is null ? null : ExperienceView.From(summary, options));
            });

        customer.Field<NonNullGraphType<ListGraphType<NonNullGraphType<SignalGraphType>>>>("signals")
            .Description("Open signals raised by the automation rules, most severe first.")
            .Resolve(ctx => ctx.RequestServices!.GetRequiredService<OpenSignalsLoader>().Load(ctx.Source.Id));

        customer.Field<NonNullGraphType<ListGraphType<NonNullGraphType<NextBestActionGraphType>>>>("nextBestActions")
            .Description("Suggested actions from the open signals, most important first.")
            .Resolve(ctx => ctx.RequestServices!.GetRequiredService<OpenSignalsLoader>().Load(ctx.Source.Id).Then(CustomerSignal.NextBestActions));
    }
}
