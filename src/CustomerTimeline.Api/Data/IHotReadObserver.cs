namespace CustomerTimeline.Api.Data;

/// <summary>
/// Sees each statement <see cref="SqliteReadPool"/> runs, before it runs: hot reads bypass EF (and ADO.NET), so EF's
/// command interceptors never see them (the tests count a request's statements through both).
/// </summary>
public interface IHotReadObserver
{
    void Executing(string sql);
}
