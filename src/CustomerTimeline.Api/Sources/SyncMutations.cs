using CustomerTimeline.Api.Connectors.Sync;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.GraphQLServer;
using CustomerTimeline.Api.Relay;
using GraphQL;
using GraphQL.Types;

namespace CustomerTimeline.Api.Sources;

public static class SyncMutations
{
    public static void AddSyncMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<SyncRunResultGraphType>>("syncSource")
            .Description("Runs a sync of one source now and returns its outcome; ALREADY_RUNNING when a run (here or on another instance) holds the source.")
            .Argument<NonNullGraphType<EnumerationGraphType<EventSource>>>("source")
            .ResolveAsync(async ctx =>
            {
                var services = ctx.RequestServices!;
                // The run belongs to the server, not to the HTTP request: a client that goes away does not stop it.
                var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
                return await services.GetRequiredService<SyncRunner>().RunAsync(ctx.GetArgument<EventSource>("source"), stopping);
            });

        mutation.Field<NonNullGraphType<DeadLetterGraphType>>("retryDeadLetter")
            .Description("Asks the source's connector to map a dead letter's payload again and stores the result; the dead letter comes back resolved, or with its attempts and reason updated.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx =>
            {
                var id = GlobalId.Expect(ctx.GetArgument<string>("id"), DeadLetterGraphType.IdType);
                var retrier = ctx.RequestServices!.GetRequiredService<DeadLetterRetrier>();
                var retry = await retrier.RetryAsync(id, ctx.CancellationToken);
                var letter = retry.Letter;
                return retry.Outcome switch
                {
                    DeadLetterRetryOutcome.NotFound => throw new UserInputError("No dead letter has this id."),
                    DeadLetterRetryOutcome.NotRemappable => throw new UserInputError(
                        $"The {letter!.Source} connector cannot map records again; fix the source record and let the next sync bring it."),
                    DeadLetterRetryOutcome.MappedRecord => throw new UserInputError(
                        $"This dead letter holds the record as the connector mapped it ({letter!.Reason}), not {letter.Source}'s payload, so there is nothing to map again; fix the source record and let the next sync bring it."),
                    DeadLetterRetryOutcome.SourceUnavailable => throw new SourceUnavailableError(
                        $"{letter!.Source} could not answer what the retry needed ({retry.SourceError}); the dead letter is unchanged, try again later."),
                    _ => letter,
                };
            });
    }
}
