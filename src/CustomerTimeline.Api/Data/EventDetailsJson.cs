using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomerTimeline.Api.Data;

/// <summary>Source-generated (de)serializers of <see cref="EventDetails"/>: camelCase, nulls left out, "$kind" first.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EventDetails))]
internal sealed partial class EventDetailsJson : JsonSerializerContext;
