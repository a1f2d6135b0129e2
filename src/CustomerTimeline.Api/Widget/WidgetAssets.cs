using System.Collections.Frozen;
using System.Security.Cryptography;

namespace CustomerTimeline.Api.Widget;

/// <summary>
/// The widget's own files, compiled into the assembly (Widget/Assets): served the same wherever the API runs,
/// with an ETag so hosts revalidate cheaply and pick up a new version at once.
/// </summary>
internal static class WidgetAssets
{
    public sealed record Asset(byte[] Content, string ContentType, string ETag);

    private static readonly FrozenDictionary<string, Asset> ByName = Load();

    public static Asset Get(string name) =>
        ByName.TryGetValue(name, out var asset) ? asset : throw new InvalidOperationException($"Widget asset '{name}' is not embedded.");

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(WidgetAssets).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("widget/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var bytes = buffer.ToArray();
            var name = resource["widget/".Length..];
            var type = Path.GetExtension(name) switch
            {
                ".js" => "text/javascript; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                _ => "application/octet-stream",
            };
            assets[name] = new Asset(bytes, type, "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..32] + "\"");
        }
        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
