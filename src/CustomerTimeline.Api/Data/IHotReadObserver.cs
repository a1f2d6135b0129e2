using System.Data.Common;

namespace CustomerTimeline.Api.Data;

/// <summary>
/// Sees each command <see cref="SqliteReadPool"/> runs, before it runs: hot reads bypass EF, so EF's command
/// interceptors never see them (the tests count a request's statements through both).
/// </summary>
public interface IHotReadObserver
{
    void Executing(DbCommand command);
}
