using System.IO.Pipelines;
using System.Text.Json;

namespace CustomerTimeline.Api.Privacy;

/// <summary>
/// Where an export is written: JSON into a pipe (the response's, or a buffer's for the inline document), sent on
/// whenever a section has written enough. Only the pipe's own FlushAsync sends; the JSON writer's flush just hands
/// its bytes to the pipe, so serializing a value never does synchronous I/O.
/// </summary>
public sealed class ExportWriter(PipeWriter output) : IAsyncDisposable
{
    private const int SendAbove = 64 * 1024;

    public Utf8JsonWriter Json { get; } = new(output);

    /// <summary>Sends what is written once it passes 64 KB: the memory an export holds stays that of a few rows.</summary>
    public async ValueTask FlushIfFullAsync(CancellationToken cancellationToken)
    {
        if (Json.BytesPending + output.UnflushedBytes < SendAbove) return;
        await FlushAsync(cancellationToken);
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        Json.Flush();
        await output.FlushAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => Json.DisposeAsync();
}
