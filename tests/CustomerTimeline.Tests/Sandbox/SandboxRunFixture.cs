using CustomerTimeline.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Tests.Sandbox;

/// <summary>
/// The run command's path, once for the class: the app starts with the sandbox feeding the connectors and the
/// scheduler on, and every stream of the four sources completes its first run through the real connectors.
/// </summary>
public sealed class SandboxRunFixture : IAsyncLifetime
{
    /// <summary>Dataverse contacts/activities/notes, Zendesk users/tickets/comments, Matomo visits, three Typeform forms.</summary>
    public const int Streams = 10;

    public SandboxApiFactory Factory { get; } = new(scheduler: true);

    public (long Count, string Hash) Content { get; private set; }

    public async Task InitializeAsync()
    {
        _ = Factory.Services; // starts Kestrel and the hosted services
        var deadline = DateTime.UtcNow.AddMinutes(3);
        // Every stream done and every run over: a run still ends (refresh, lease release) after its last stream,
        // and a test's own run of that source would otherwise find it running.
        while (await Factory.WithDbAsync(db => db.SyncStates.CountAsync(s => s.LastSuccessAt != null)) < Streams
            || await Factory.WithDbAsync(db => db.SyncLeases.AnyAsync(l => l.Owner != "")))
        {
            if (DateTime.UtcNow > deadline)
            {
                var states = await Factory.WithDbAsync(db => db.SyncStates.Select(s => s.Source + "/" + s.Stream + ": " + s.Status + " " + s.LastError).ToListAsync());
                throw new TimeoutException("The scheduled first sync did not complete: " + string.Join("; ", states));
            }
            await Task.Delay(250);
        }
        Content = await Factory.ContentAsync();
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    public Task<Dictionary<EventKind, long>> EventsByKindAsync() => Factory.WithDbAsync(db =>
        db.Events.GroupBy(e => e.Kind).Select(g => new { g.Key, Count = g.LongCount() }).ToDictionaryAsync(x => x.Key, x => x.Count));
}
