using System.Text.Json;

namespace CustomerTimeline.Api.Sandbox;

/// <summary>Writes vendor responses with a <see cref="Utf8JsonWriter"/>, splicing in the stored records' bytes.</summary>
internal static class SandboxJson
{
    /// <summary>
    /// Writes straight into the response's pipe. Pages of thousands of records used to be built in a growing buffer
    /// and copied out: several large-object-heap arrays per page, and the blocking gen2 collections they trigger hit
    /// every thread of the process (the bench runs the sandbox in the process whose sync it serves).
    /// </summary>
    public static IResult Write(Action<Utf8JsonWriter> write, string contentType = "application/json; charset=utf-8", int status = 200) =>
        new JsonBodyResult(write, contentType, status);

    public static void WriteRecords(Utf8JsonWriter writer, string name, IEnumerable<SandboxRecord> records)
    {
        writer.WriteStartArray(name);
        foreach (var record in records) writer.WriteRawValue(record.Json, skipInputValidation: true);
        writer.WriteEndArray();
    }

    private sealed class JsonBodyResult(Action<Utf8JsonWriter> write, string contentType, int status) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = contentType;
            using (var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter))
            {
                write(writer);
            }
            await httpContext.Response.BodyWriter.FlushAsync(httpContext.RequestAborted);
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
