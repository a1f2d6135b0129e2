using CustomerTimeline.Api.GraphQLServer;
using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Execution;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using GraphQLParser.AST;

namespace CustomerTimeline.Tests.GraphQLServer;

/// <summary>
/// Leaves resolved where their object's fields are set answer as GraphQL.NET's serial strategy answers, errors
/// included: a resolver that throws (an execution error or any exception), answers later, answers with a batch
/// loader's result, returns null for a non-null type, or returns a value its scalar refuses; and a resolver that
/// reads the context's path, parent or arguments sees what GraphQL.NET would give it.
/// </summary>
public sealed class ResolvedLeafTests
{
    private enum Colour { Red, Green }

    private sealed record Item(int Id, string? Name, Colour Colour)
    {
        // Whole seconds, a trimmed fraction, every digit, and offsets either side of UTC.
        public DateTimeOffset At => Id switch
        {
            1 => new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero),
            2 => new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(-5)).AddTicks(1_234_500),
            _ => new DateTimeOffset(2026, 11, 30, 23, 59, 59, TimeSpan.FromMinutes(330)).AddTicks(9_999_999),
        };
    }

    /// <summary>A batch loader's result that completes later: a leaf's value or a list's item.</summary>
    private sealed class Loaded(object value) : IDataLoaderResult
    {
        public async Task<object?> GetResultAsync(CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            return value;
        }
    }

    private sealed class ItemType : ObjectGraphType<Item>
    {
        public ItemType()
        {
            Name = "Item";
            Field<NonNullGraphType<IntGraphType>>("id").Resolve(c => c.Source.Id);
            Field<StringGraphType>("name").Resolve(c => c.Source.Name);
            Field<NonNullGraphType<StringGraphType>>("required").Resolve(c => c.Source.Name);
            Field<EnumerationGraphType<Colour>>("colour").Resolve(c => c.Source.Colour);
            Field<NonNullGraphType<DateTimeOffsetGraphType>>("at").Resolve(c => c.Source.At);
            // A value outside the enum: the scalar refuses it.
            Field<EnumerationGraphType<Colour>>("badColour").Resolve(_ => (Colour)42);
            Field<StringGraphType>("later").ResolveAsync(async c =>
            {
                await Task.Yield();
                return "later " + c.Source.Id;
            });
            Field<StringGraphType>("loaded").Resolve(c => new Loaded("loaded " + c.Source.Id));
            Field<StringGraphType>("refused").Resolve(object? (c) => c.Source.Id % 2 == 0 ? throw new ExecutionError("refused " + c.Source.Id) { Code = "NOPE" } : "fine");
            Field<StringGraphType>("broken").Resolve(object? (c) => c.Source.Id == 2 ? throw new InvalidOperationException("broken") : "whole");
            Field<NonNullGraphType<StringGraphType>>("path").Resolve(c => string.Join("/", c.Path) + " " + string.Join("/", c.ResponsePath));
            Field<NonNullGraphType<StringGraphType>>("parent").Resolve(c => c.Parent!.FieldDefinition.Name + " " + c.ParentType.Name);
            Field<StringGraphType>("greeting").Argument<StringGraphType>("to").Resolve(c => "hello " + c.GetArgument<string>("to"));
            Field<NonNullGraphType<ListGraphType<NonNullGraphType<IntGraphType>>>>("numbers").Resolve(c => new[] { c.Source.Id, c.Source.Id * 10 });
        }
    }

    /// <summary>Refuses the item with id 2 (IsTypeOf): an error in the list's own completion of that item.</summary>
    private sealed class StrictType : ObjectGraphType<Item>
    {
        public StrictType()
        {
            Name = "Strict";
            IsTypeOf = o => o is Item { Id: not 2 };
            Field<NonNullGraphType<IntGraphType>>("id").Resolve(c => c.Source.Id);
            Field<StringGraphType>("name").Resolve(c => c.Source.Name);
            Field<StringGraphType>("later").ResolveAsync(async c =>
            {
                await Task.Yield();
                return "later " + c.Source.Id;
            });
        }
    }

    private sealed class Query : ObjectGraphType
    {
        public Query()
        {
            Name = "Query";
            Field<NonNullGraphType<ListGraphType<NonNullGraphType<ItemType>>>>("items")
                .Resolve(_ => new[] { new Item(1, "one", Colour.Red), new Item(2, null, Colour.Green), new Item(3, "three", Colour.Green) });
            Field<ListGraphType<ItemType>>("nullableItems")
                .Resolve(_ => new[] { new Item(1, "one", Colour.Red), new Item(2, null, Colour.Green) });
            Field<StringGraphType>("version").Resolve(_ => "1");
            Field<ListGraphType<ItemType>>("withNull")
                .Resolve(_ => new[] { new Item(1, "one", Colour.Red), null, new Item(3, "three", Colour.Green) });
            Field<ListGraphType<NonNullGraphType<ItemType>>>("nullInNonNull")
                .Resolve(_ => new[] { new Item(1, "one", Colour.Red), null, new Item(3, "three", Colour.Green) });
            Field<ListGraphType<ItemType>>("loadedItems")
                .Resolve(_ => new object[] { new Item(1, "one", Colour.Red), new Loaded(new Item(2, "two", Colour.Green)), new Item(3, "three", Colour.Red) });
            Field<ListGraphType<StrictType>>("strict")
                .Resolve(_ => new[] { new Item(1, "one", Colour.Red), new Item(2, "two", Colour.Green), new Item(3, "three", Colour.Red) });
            Field<NonNullGraphType<ListGraphType<NonNullGraphType<ListGraphType<ItemType>>>>>("nested")
                .Resolve(_ => new[] { new[] { new Item(1, "one", Colour.Red) }, [new Item(2, null, Colour.Green), new Item(3, "three", Colour.Red)] });
        }
    }

    public static TheoryData<string> Queries => new()
    {
        "{ version items { id name colour at later loaded numbers path parent greeting(to: \"you\") } }",
        "{ items { id refused broken } }",
        // A null for a non-null field nulls its item, and the non-null list with it: the whole answer is null.
        "{ version items { id required } }",
        "{ nullableItems { id required } }",
        "{ nullableItems { id badColour } }",
        "{ nullableItems { ...F } } fragment F on Item { id name later }",
        // The lists' own completion of each item: a null item, a null where the item type is non-null, an item
        // still loading, an item its type refuses (an unhandled error mid-list, the items after it still
        // completed), and lists of lists.
        "{ withNull { id name later } version }",
        "{ nullInNonNull { id name } version }",
        "{ loadedItems { id name later loaded } }",
        "{ strict { id name later } version }",
        "{ nested { id name later } }",
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Answers_and_errors_match_graphql_dotnets_serial_strategy(string query)
    {
        var expected = await RunAsync(new SerialExecutionStrategy(), query);
        var ours = new TimelineExecutionStrategy();
        // Twice: the second request is served from the fields kept by the first.
        (await RunAsync(ours, query)).ShouldBe(expected);
        (await RunAsync(ours, query)).ShouldBe(expected);
    }

    [Fact]
    public async Task The_cases_above_do_reach_the_error_paths()
    {
        var answer = await RunAsync(new TimelineExecutionStrategy(), "{ items { id refused broken } }");
        answer.ShouldContain("refused 2");
        answer.ShouldContain("NOPE");
        answer.ShouldContain("""Error trying to resolve field 'broken'.","locations":[{"line":1,"column":22}],"path":["items",1,"broken"]""");
        (await RunAsync(new TimelineExecutionStrategy(), "{ nullableItems { id badColour } }")).ShouldContain("badColour");
        (await RunAsync(new TimelineExecutionStrategy(), "{ version items { id required } }")).ShouldContain("\"data\":null");
        var strict = await RunAsync(new TimelineExecutionStrategy(), "{ strict { id name later } version }");
        strict.ShouldContain("\"path\":[\"strict\",1]");
        strict.ShouldContain("later 3");
        (await RunAsync(new TimelineExecutionStrategy(), "{ nullInNonNull { id name } version }")).ShouldContain("\"nullInNonNull\":null");
        (await RunAsync(new TimelineExecutionStrategy(), "{ loadedItems { id name later loaded } }")).ShouldContain("loaded 2");
    }

    private static async Task<string> RunAsync(IExecutionStrategy strategy, string query)
    {
        var schema = new GraphQL.Types.Schema { Query = new Query() };
        var executer = new DocumentExecuter(
            new GraphQLDocumentBuilder(),
            new GraphQL.Validation.DocumentValidator(),
            new DefaultExecutionStrategySelector([new ExecutionStrategyRegistration(strategy, OperationType.Query)]),
            []);
        var result = await executer.ExecuteAsync(new ExecutionOptions { Schema = schema, Query = query, ThrowOnUnhandledException = false });
        // The API's encoder: with the default one a date written as a string escapes its '+' and a date value does not.
        return new GraphQLSerializer(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).Serialize(result);
    }
}
