using System.Text.Encodings.Web;
using CustomerTimeline.Api.Customers;
using CustomerTimeline.Api.GraphQLServer.WebSockets;
using CustomerTimeline.Api.Live;
using Microsoft.Extensions.DependencyInjection.Extensions;
using CustomerTimeline.Api.Timeline;
using GraphQL;
using GraphQL.Execution;
using GraphQL.MicrosoftDI;
using GraphQLParser.AST;

namespace CustomerTimeline.Api.GraphQLServer;

public static partial class GraphQLExtensions
{
    public static WebApplicationBuilder AddTimelineGraphQL(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<GraphQLHttpOptions>()
            .Bind(builder.Configuration.GetSection(GraphQLHttpOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<IdentityOptions>()
            .Bind(builder.Configuration.GetSection(IdentityOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddGraphQL(b => b
            .AddSchema<TimelineSchema>()
            .AddSystemTextJson(json => json.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
            .AddGraphTypes(typeof(TimelineSchema).Assembly)
            .AddErrorInfoProvider<TimelineErrorInfoProvider>()
            // One scoped DbContext per request: resolve serially and let batch loaders do the fan-out.
            .AddExecutionStrategy<SerialExecutionStrategy>(OperationType.Query)
            // Each subscription event resolves in its own DI scope (its own DbContext and loaders).
            .AddExecutionStrategy<ScopedSubscriptionExecutionStrategy>(OperationType.Subscription)
            .ConfigureExecutionOptions(options =>
            {
                var logger = options.RequestServices!.GetRequiredService<ILoggerFactory>().CreateLogger("CustomerTimeline.GraphQL");
                options.UnhandledExceptionDelegate = context =>
                {
                    LogUnhandled(logger, context.Exception, context.FieldContext?.ParentType.Name, context.FieldContext?.FieldDefinition.Name);
                    return Task.CompletedTask;
                };
            }));

        builder.Services.AddOptions<GraphQLWebSocketOptions>()
            .Bind(builder.Configuration.GetSection(GraphQLWebSocketOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<GraphQLHttpEndpoint>();
        builder.Services.AddSingleton<GraphQLWebSocketEndpoint>();
        builder.Services.TryAddSingleton<IWebSocketAuthenticator, AnyCallerWebSocketAuthenticator>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ITimelineNotifier, InProcessTimelineNotifier>();
        builder.Services.AddSingleton<IdentityNormalizer>();
        builder.Services.AddScoped<CustomerByIdLoader>();
        builder.Services.AddScoped<IdentitiesByCustomerLoader>();
        builder.Services.AddScoped<EventByIdLoader>();
        builder.Services.AddScoped<TimelinePageLoader>();
        builder.Services.AddScoped<TimelineCountLoader>();
        return builder;
    }

    public static IEndpointConventionBuilder MapGraphQL(this IEndpointRouteBuilder app, string pattern = "/graphql")
    {
        ArgumentNullException.ThrowIfNull(app);
        var http = app.ServiceProvider.GetRequiredService<GraphQLHttpEndpoint>();
        var sockets = app.ServiceProvider.GetRequiredService<GraphQLWebSocketEndpoint>();
        return app.Map(pattern, context => context.WebSockets.IsWebSocketRequest
            ? sockets.HandleAsync(context)
            : http.HandleAsync(context)).WithName("GraphQL");
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error resolving {Type}.{Field}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string? type, string? field);
}
