namespace CustomerTimeline.Api.Relay;

/// <summary>
/// A node and its cursor. The cursor can be computed on first read: most clients (the agent console's query among
/// them) select nodes only, and encoding a cursor per event of every page was work nobody read.
/// </summary>
public sealed class Edge<T>
{
    private readonly Func<T, string>? _cursorOf;
    private string? _cursor;

    public Edge(string cursor, T node)
    {
        _cursor = cursor;
        Node = node;
    }

    public Edge(T node, Func<T, string> cursorOf)
    {
        Node = node;
        _cursorOf = cursorOf;
    }

    public T Node { get; }

    public string Cursor => _cursor ??= _cursorOf!(Node);
}
