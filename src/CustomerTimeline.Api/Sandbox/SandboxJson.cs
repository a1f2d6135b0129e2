using System.Buffers;
using System.Text.Json;

namespace CustomerTimeline.Api.Sandbox;

/// <summary>Writes vendor responses with a <see cref="Utf8JsonWriter"/>, splicing in the stored records' bytes.</summary>
internal static class SandboxJson
{
    public static IResult Write(Action<Utf8JsonWriter> write, string contentType = "application/json; charset=utf-8", int status = 200)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }
        var body = buffer.WrittenMemory.ToArray();
        return status == StatusCodes.Status200OK
            ? Results.Bytes(body, contentType)
            : new StatusBytesResult(body, contentType, status);
    }

    public static void WriteRecords(Utf8JsonWriter writer, string name, IEnumerable<SandboxRecord> records)
    {
        writer.WriteStartArray(name);
        foreach (var record in records) writer.WriteRawValue(record.Json, skipInputValidation: true);
        writer.WriteEndArray();
    }

    /// <summary>Results.Bytes has no status code; errors need one with their vendor-shaped body.</summary>
    private sealed class StatusBytesResult(byte[] body, string contentType, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = contentType;
            return httpContext.Response.Body.WriteAsync(body).AsTask();
        }
    }

    /// <summary>A vendor-shaped error body with a status.</summary>
    public static IResult Error(int status, params (string Name, string Value)[] properties) => Write(w =>
    {
        w.WriteStartObject();
        foreach (var (name, value) in properties) w.WriteString(name, value);
        w.WriteEndObject();
    }, status: status);
}
