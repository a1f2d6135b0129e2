using CustomerTimeline.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Live;

/// <summary>Reads the backplane table for rows newer than the last seen id and hands them to local subscribers.</summary>
internal sealed partial class LiveNotificationPoller(
    IServiceScopeFactory scopes, InProcessTimelineNotifier local, IOptions<LiveOptions> options, TimeProvider time,
    ILogger<LiveNotificationPoller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long lastSeen;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
            lastSeen = await db.LiveNotifications.MaxAsync(n => (long?)n.Id, stoppingToken) ?? 0;
        }

        var nextPrune = time.GetUtcNow();
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
                var rows = await db.LiveNotifications.Where(n => n.Id > lastSeen).OrderBy(n => n.Id).Take(1_000).ToListAsync(stoppingToken);
                foreach (var row in rows)
                {
                    if (row.CustomerRemoved) local.CustomersRemoved([row.CustomerId]);
                    else if (row.EventId is { } eventId) local.EventAdded(row.CustomerId, eventId);
                    else local.CustomerUpdated(row.CustomerId);
                    lastSeen = row.Id;
                }
                if (time.GetUtcNow() >= nextPrune)
                {
                    var cutoff = time.GetUtcNow() - options.Value.Retention;
                    await db.LiveNotifications.Where(n => n.CreatedAt < cutoff).ExecuteDeleteAsync(stoppingToken);
                    nextPrune = time.GetUtcNow() + options.Value.Retention / 2;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPollFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling the live backplane failed; retrying on the next tick")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
