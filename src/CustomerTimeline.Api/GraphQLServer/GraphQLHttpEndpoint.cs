using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Telemetry;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.GraphQLServer;

/// <summary>
/// GraphQL over HTTP (https://graphql.github.io/graphql-over-http/): POST and GET, content negotiation,
/// and the status codes the spec gives for request errors. Execution itself belongs to GraphQL.NET.
/// </summary>
internal sealed partial class GraphQLHttpEndpoint(
    IDocumentExecuter<TimelineSchema> executer,
    IGraphQLTextSerializer serializer,
    GraphQLRequestReader requests,
    IOptions<GraphQLHttpOptions> options,
    ILogger<GraphQLHttpEndpoint> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await HandleCoreAsync(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away: nothing to answer, and nothing worth an error log.
            LogCancelled(logger);
        }
    }

    private async Task HandleCoreAsync(HttpContext context)
    {
        var isGet = HttpMethods.IsGet(context.Request.Method);
        if (!isGet && !HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.Headers.Allow = "GET, POST";
            await WriteRequestErrorAsync(context, MediaTypes.Negotiate(context.Request.Headers.Accept) ?? MediaTypes.Json,
                new GraphQLRequestError(StatusCodes.Status405MethodNotAllowed, "GraphQL accepts GET and POST only."));
            return;
        }

        var mediaType = MediaTypes.Negotiate(context.Request.Headers.Accept);
        if (mediaType is null)
        {
            await WriteRequestErrorAsync(context, MediaTypes.Json, new GraphQLRequestError(
                StatusCodes.Status406NotAcceptable,
                $"Accept must allow {MediaTypes.GraphQLResponse} or {MediaTypes.Json}."));
            return;
        }

        GraphQLRequest request;
        try
        {
            request = isGet ? ReadGet(context.Request) : await ReadPostAsync(context.Request, context.RequestAborted);
        }
        catch (GraphQLRequestError error)
        {
            await WriteRequestErrorAsync(context, mediaType, error);
            return;
        }

        using var activity = TimelineTelemetry.Source.StartActivity("graphql " + (request.OperationName ?? "(anonymous)"));
        activity?.SetTag("graphql.operation.name", request.OperationName);
        var started = Stopwatch.GetTimestamp();
        KeepSqliteConnectionOnceOpened(context);
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = request.Query,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            RequestServices = context.RequestServices,
            User = context.User,
            CancellationToken = context.RequestAborted,
            ValidationRules = [.. DocumentValidator.CoreRules, isGet ? HttpOperationValidationRule.Get : HttpOperationValidationRule.Post],
        });
        context.RequestAborted.ThrowIfCancellationRequested();
        // Clients often omit operationName; the executed document still names the operation.
        var operationName = request.OperationName ?? result.Operation?.Name?.StringValue;
        if (activity is not null && operationName is not null)
        {
            activity.DisplayName = "graphql " + operationName;
            activity.SetTag("graphql.operation.name", operationName);
        }
        activity?.SetTag("graphql.operation.type", result.Operation?.Operation.ToString().ToLowerInvariant());
        var errorCount = result.Errors?.Count ?? 0;
        if (errorCount > 0) activity?.SetStatus(ActivityStatusCode.Error, result.Executed ? "field errors" : "request rejected");
        TimelineTelemetry.RecordGraphQL(operationName, Stopwatch.GetElapsedTime(started).TotalSeconds, errorCount,
            result.Executed ? "executed" : "rejected");

        context.Response.StatusCode = StatusFor(result, mediaType, context.Response);
        context.Response.ContentType = mediaType + "; charset=utf-8";
        if (ExecutionResultWriter.CanWrite(result))
            await ExecutionResultWriter.WriteAsync(context.Response.BodyWriter, result, serializer, context.RequestAborted);
        else
            await serializer.WriteAsync(context.Response.Body, result, context.RequestAborted);
    }

    /// <summary>
    /// At most one SQLite connection open per request, from its first EF query on: EF otherwise opens and closes it
    /// around each query, and every open re-registers EF's SQL functions on the pooled connection. A request that
    /// only takes the hot reads opens none.
    /// </summary>
    private static void KeepSqliteConnectionOnceOpened(HttpContext context)
    {
        if (context.RequestServices.GetRequiredService<TimelineDbContext>() is SqliteTimelineDbContext db) db.KeepConnectionOnceOpened();
    }

    private static int StatusFor(ExecutionResult result, string mediaType, HttpResponse response)
    {
        if (result.Executed || result.Errors is not { Count: > 0 } errors)
            return StatusCodes.Status200OK;
        if (errors.Any(e => e is HttpMethodValidationError))
        {
            response.Headers.Allow = "POST";
            return StatusCodes.Status405MethodNotAllowed;
        }
        // The legacy application/json format answers request errors with 200; the spec's own type with 4xx or 5xx as
        // appropriate: a request the server could not finish is the server's failure, not the client's mistake.
        if (mediaType != MediaTypes.GraphQLResponse) return StatusCodes.Status200OK;
        if (errors.Any(e => e is TimeoutError)) return StatusCodes.Status504GatewayTimeout;
        if (errors.Any(e => e is UnhandledError)) return StatusCodes.Status500InternalServerError;
        return StatusCodes.Status400BadRequest;
    }

    private GraphQLRequest ReadGet(HttpRequest http)
    {
        var query = http.Query["query"].ToString();
        return new GraphQLRequest
        {
            Query = RequireQuery(query),
            OperationName = NullIfEmpty(http.Query["operationName"].ToString()),
            Variables = DeserializeParameter<Inputs>(http.Query["variables"].ToString(), "variables"),
            Extensions = DeserializeParameter<Inputs>(http.Query["extensions"].ToString(), "extensions"),
        };
    }

    private async Task<GraphQLRequest> ReadPostAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        if (!MediaTypes.IsJsonContentType(http.ContentType))
            throw new GraphQLRequestError(StatusCodes.Status415UnsupportedMediaType,
                "Content-Type must be application/json.");

        var limit = options.Value.MaxRequestBytes;
        if (http.ContentLength > limit)
            throw new GraphQLRequestError(StatusCodes.Status413PayloadTooLarge, $"Request body exceeds {limit} bytes.");

        // One pooled buffer and one deserialization per request (this runs for every query): the body is only
        // parsed a second time, as a document, to say what is wrong with it when it does not deserialize.
        var body = await ReadLimitedAsync(http.Body, limit, cancellationToken);
        try
        {
            var json = body.Bytes.AsMemory(0, body.Length);
            var first = FirstByte(json.Span);
            if (first == (byte)'[')
                throw new GraphQLRequestError(StatusCodes.Status400BadRequest, "Batched requests are not supported; send one operation per request.");

            GraphQLRequest? request = null;
            if (first == (byte)'{')
            {
                try
                {
                    request = requests.Read(json.Span);
                }
                catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or NotSupportedException)
                {
                    // Explained below.
                }
            }
            if (request is null) throw Explain(json);
            request.Query = RequireQuery(request.Query);
            return request;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body.Bytes);
        }
    }

    /// <summary>Why a body did not deserialize: not JSON, not an object, or an object of the wrong shape.</summary>
    private static GraphQLRequestError Explain(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                return new GraphQLRequestError(StatusCodes.Status400BadRequest, "The request body must be a JSON object.");
        }
        catch (JsonException)
        {
            return new GraphQLRequestError(StatusCodes.Status400BadRequest,
                FirstByte(json.Span) == 0 ? "The request body is empty." : "The request body is not valid JSON.");
        }
        return new GraphQLRequestError(StatusCodes.Status400BadRequest,
            "The request body must have a string 'query', an optional string 'operationName' and optional object 'variables' and 'extensions'.");
    }

    private static byte FirstByte(ReadOnlySpan<byte> json)
    {
        var start = json.IndexOfAnyExcept(" \t\r\n"u8);
        // A UTF-8 byte order mark is allowed before the value.
        if (start >= 0 && json[start..].StartsWith("\uFEFF"u8)) return FirstByte(json[(start + 3)..]);
        return start < 0 ? (byte)0 : json[start];
    }

    /// <summary>The body in a pooled array (return it); a 413 as soon as it passes the limit.</summary>
    private static async Task<(byte[] Bytes, int Length)> ReadLimitedAsync(Stream source, int limit, CancellationToken cancellationToken)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(4 * 1024);
        var length = 0;
        try
        {
            int read;
            while ((read = await source.ReadAsync(bytes.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
                if (length > limit)
                    throw new GraphQLRequestError(StatusCodes.Status413PayloadTooLarge, $"Request body exceeds {limit} bytes.");
                if (length < bytes.Length) continue;
                var bigger = ArrayPool<byte>.Shared.Rent(bytes.Length * 2);
                bytes.AsSpan(0, length).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(bytes);
                bytes = bigger;
            }
            return (bytes, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(bytes);
            throw;
        }
    }

    private T? DeserializeParameter<T>(string raw, string name) where T : class
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        try
        {
            return serializer.Deserialize<T>(raw);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or NotSupportedException)
        {
            throw new GraphQLRequestError(StatusCodes.Status400BadRequest, $"The '{name}' parameter must be a JSON object.");
        }
    }

    private static string RequireQuery(string? query) =>
        string.IsNullOrWhiteSpace(query)
            ? throw new GraphQLRequestError(StatusCodes.Status400BadRequest, "The 'query' parameter is required.")
            : query;

    private static string? NullIfEmpty(string value) => string.IsNullOrEmpty(value) ? null : value;

    private async Task WriteRequestErrorAsync(HttpContext context, string mediaType, GraphQLRequestError error)
    {
        context.Response.StatusCode = error.StatusCode;
        context.Response.ContentType = mediaType + "; charset=utf-8";
        var result = new ExecutionResult { Errors = [new RequestError(error.Message)], Executed = false };
        await serializer.WriteAsync(context.Response.Body, result, context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "GraphQL request cancelled by the client")]
    private static partial void LogCancelled(ILogger logger);
}
