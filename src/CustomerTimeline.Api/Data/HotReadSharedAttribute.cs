namespace CustomerTimeline.Api.Data;

/// <summary>
/// A text column with few distinct values (a journey stage's key, an intent list): hot reads
/// (<see cref="RowReader"/>) give every row the same string per value instead of a new one each (see
/// <see cref="RowReader.Columns.Shared"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class HotReadSharedAttribute : Attribute;
