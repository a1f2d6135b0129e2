using GraphQL.Types;

namespace CustomerTimeline.Api.Insights;

public sealed class ScorePointGraphType : ObjectGraphType<ScorePoint>
{
    public ScorePointGraphType()
    {
        Name = "ScorePoint";
        Description = "The experience score as it stood at one time, from the events known up to then.";
        Field(p => p.At);
        Field(p => p.Score);
    }
}
