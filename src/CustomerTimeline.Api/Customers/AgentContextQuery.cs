namespace CustomerTimeline.Api.Customers;

/// <summary>
/// The canonical agent-context request of docs/agent-query.md (a test keeps the two equal): what an agent console
/// asks while the customer is on the line. The start-up warm-up runs it, and the bench measures it.
/// </summary>
public static class AgentContextQuery
{
    public const string Document = """
        query AgentContext($id: ID!, $events: Int = 10) {
          customer(id: $id) {
            id
            displayName
            primaryEmail
            phone
            company
            identities { kind value source }
            experience {
              score
              band
              priority
              repeatedProblem
              repeatedProblems
              topDrivers: drivers(top: 3) {
                key name contribution maxPoints lostPoints explanation
                events { id title occurredAt }
              }
              trend { change direction points { at score } }
            }
            journey {
              currentStage { key name }
              skippedStages { key name }
            }
            signals {
              kind severity reason triggeredAt
              events { id title occurredAt }
            }
            nextBestActions {
              kind title priority reason
              events { id title }
            }
            timeline(first: $events) {
              nodes {
                id kind source channel occurredAt title summary sentiment urgent intents stageKey touchpointKey
              }
            }
          }
          sources { source configured status lastSuccessAt streams { stream lagSeconds caughtUpAt } }
        }
        """;
}
