using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Customers;
using CustomerTimeline.Api.GraphQLServer.WebSockets;
using CustomerTimeline.Api.Live;
using Microsoft.Extensions.DependencyInjection.Extensions;
using CustomerTimeline.Api.Timeline;
using GraphQL;
using GraphQL.Execution;
using GraphQL.MicrosoftDI;
using CustomerTimeline.Api.Privacy;
using CustomerTimeline.Api.Security;
using GraphQL.Validation;
using GraphQLParser.Exceptions;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.GraphQLServer;

public static partial class GraphQLExtensions
{
    public static WebApplicationBuilder AddTimelineGraphQL(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidatedOptions<GraphQLHttpOptions>(builder.Configuration, GraphQLHttpOptions.Section);
        builder.Services.AddValidatedOptions<GraphQLLimitsOptions>(builder.Configuration, GraphQLLimitsOptions.Section);
        builder.Services.AddValidatedOptions<IdentityOptions>(builder.Configuration, IdentityOptions.Section);

        builder.Services.AddGraphQL(b => b
            .AddSchema<TimelineSchema>()
            .AddSystemTextJson(json => json.Encoder = ExecutionResultWriter.Encoder)
            .AddGraphTypes(typeof(TimelineSchema).Assembly)
            .AddErrorInfoProvider<TimelineErrorInfoProvider>()
            // One scoped DbContext per request: resolve serially and let batch loaders do the fan-out.
            .AddExecutionStrategy<TimelineExecutionStrategy>(OperationType.Query)
            // Each subscription event resolves in its own DI scope (its own DbContext and loaders).
            .AddExecutionStrategy<ScopedSubscriptionExecutionStrategy>(OperationType.Subscription)
            // Field authorization and PII masking are rules on field metadata, enforced by wrapping resolvers.
            .AddSchemaVisitor<FieldAuthorizationVisitor>()
            .AddDocumentListener<PiiReadAuditListener>(GraphQL.DI.ServiceLifetime.Singleton)
            .ConfigureExecution<DocumentCache>()
            .AddComplexityAnalyzer((complexity, services) =>
            {
                var limits = services.GetRequiredService<IOptions<GraphQLLimitsOptions>>().Value;
                complexity.MaxDepth = limits.MaxDepth;
                complexity.MaxComplexity = limits.MaxComplexity;
                complexity.DefaultListImpactMultiplier = limits.DefaultListSize;
                // Introspection is bounded by the schema's size, not by data: tools (GraphiQL, the widget) must
                // always be able to read the schema, so its fields cost nothing, and a document of introspection
                // alone is spared the depth limit (GraphiQL's own query nests 15 levels of ofType).
                // IntrospectionDepthValidationRule bounds what introspection can expand to instead.
                var dataImpact = complexity.DefaultComplexityImpactDelegate;
                complexity.DefaultComplexityImpactDelegate = context =>
                    context.FieldDefinition.Name.StartsWith("__", StringComparison.Ordinal)
                    || context.ParentType.Name.StartsWith("__", StringComparison.Ordinal)
                        ? new FieldComplexityResult(0, 1)
                        : dataImpact(context);
                complexity.ValidateComplexityDelegate = context =>
                {
                    if (context.Error is not null && context.TotalImpact <= limits.MaxComplexity
                        && IsIntrospectionOnly(context.ValidationContext.Operation))
                        context.Error = null;
                    return Task.CompletedTask;
                };
            })
            .ConfigureExecutionOptions(options =>
            {
                var services = options.RequestServices!;
                var limits = services.GetRequiredService<IOptions<GraphQLLimitsOptions>>().Value;
                options.Timeout = limits.ExecutionTimeout;
                var rules = (options.ValidationRules ?? DocumentValidator.CoreRules).ToList();
                rules.Add(services.GetRequiredService<MaxAliasesValidationRule>());
                rules.Add(IntrospectionDepthValidationRule.Instance);
                if (!(limits.EnableIntrospection ?? services.GetRequiredService<IHostEnvironment>().IsDevelopment()))
                    rules.Add(NoIntrospectionValidationRule.Instance);
                options.ValidationRules = rules;
                RequestSecurity.Attach(options);
            })
            .ConfigureExecutionOptions(options =>
            {
                var logger = options.RequestServices!.GetRequiredService<ILoggerFactory>().CreateLogger("CustomerTimeline.GraphQL");
                options.UnhandledExceptionDelegate = context =>
                {
                    if (context.Exception is GraphQLMaxDepthExceededException tooDeep)
                    {
                        context.Exception = new DocumentTooDeepError(tooDeep);
                        return Task.CompletedTask;
                    }
                    LogUnhandled(logger, context.Exception, context.FieldContext?.ParentType.Name, context.FieldContext?.FieldDefinition.Name);
                    return Task.CompletedTask;
                };
            }));

        builder.Services.AddValidatedOptions<GraphQLWebSocketOptions>(builder.Configuration, GraphQLWebSocketOptions.Section);
        // Replaces GraphQL.NET's validator (registered by AddGraphQL) for the cached documents' short way.
        builder.Services.AddSingleton<IDocumentValidator, CachedDocumentValidator>();
        builder.Services.AddSingleton<GraphQLRequestReader>();
        builder.Services.AddSingleton<GraphQLHttpEndpoint>();
        builder.Services.AddSingleton<GraphQLWebSocketEndpoint>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddLiveNotifications(builder.Configuration);
        builder.Services.AddSingleton<MaxAliasesValidationRule>();
        builder.Services.AddSingleton<IdentityNormalizer>();
        builder.Services.AddScoped<CustomerByIdLoader>();
        builder.Services.AddScoped<IdentitiesByCustomerLoader>();
        builder.Services.AddScoped<EventByIdLoader>();
        builder.Services.AddScoped<TimelinePageLoader>();
        builder.Services.AddScoped<TimelineCountLoader>();
        return builder;
    }

    /// <summary>
    /// The start-up warm-up (<see cref="GraphQLWarmUp"/>). Call it last: hosted services start in the order they were
    /// added, and it needs the database migrated and the journey map seeded.
    /// </summary>
    public static WebApplicationBuilder AddGraphQLWarmUp(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHostedService<GraphQLWarmUp>();
        builder.Services.AddSingleton<HttpWarmUp>();
        builder.Services.AddHostedService(services => services.GetRequiredService<HttpWarmUp>());
        return builder;
    }

    /// <summary>Name of the GraphQL HTTP endpoint; its error answers outside execution follow its content negotiation.</summary>
    public const string EndpointName = "GraphQL";

    public static IEndpointConventionBuilder MapGraphQL(this IEndpointRouteBuilder app, string pattern = "/graphql")
    {
        ArgumentNullException.ThrowIfNull(app);
        var http = app.ServiceProvider.GetRequiredService<GraphQLHttpEndpoint>();
        return app.Map(pattern, http.HandleAsync).WithName(EndpointName);
    }

    /// <summary>
    /// WebSocket upgrades on the GraphQL path are served here, ahead of endpoint authorization: browsers cannot
    /// send a bearer header on an upgrade, so the connection authenticates in connection_init instead. Only GETs of
    /// that path (an upgrade is a GET, or a CONNECT over HTTP/2) go through the WebSocket middleware: the queries'
    /// POSTs skip it (~1% of a GraphQL request's time in the API process under load).
    /// </summary>
    public static IApplicationBuilder UseGraphQLWebSockets(this IApplicationBuilder app, string path = "/graphql")
    {
        ArgumentNullException.ThrowIfNull(app);
        var sockets = app.ApplicationServices.GetRequiredService<GraphQLWebSocketEndpoint>();
        return app.UseWhen(
            context => (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsConnect(context.Request.Method))
                && context.Request.Path.Equals(path, StringComparison.OrdinalIgnoreCase),
            branch => branch.UseWebSockets().Use(next => context =>
                context.WebSockets.IsWebSocketRequest ? sockets.HandleAsync(context) : next(context)));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error resolving {Type}.{Field}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string? type, string? field);

    /// <summary>Whether every root selection of the operation is an introspection field (<c>__schema</c>, <c>__type</c>, <c>__typename</c>).</summary>
    internal static bool IsIntrospectionOnly(GraphQLOperationDefinition operation) =>
        operation.SelectionSet.Selections.All(s => s is GraphQLField f && f.Name.Value.Span.StartsWith("__", StringComparison.Ordinal));
}
