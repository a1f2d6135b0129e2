namespace CustomerTimeline.Api.Data;

/// <summary>
/// A text column that hot reads (<see cref="RowReader"/>) hand to the named <c>byte[]</c> member as its stored UTF-8
/// instead of making a string of it: for large columns that most served rows never read.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class HotReadUtf8Attribute(string member) : Attribute
{
    public string Member { get; } = member;
}
