using System.Text;
using System.Text.Json;
using CustomerTimeline.Api.Analysis;
using CustomerTimeline.Api.Insights;
using CustomerTimeline.Tests.Generator;

namespace CustomerTimeline.Tests.Insights;

public sealed class ExperienceResultReaderTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public void What_the_scorer_stores_is_read_by_the_fast_reader_into_what_the_serializer_reads()
    {
        var options = new ExperienceOptions();
        var scorer = new ExperienceScorer(options);
        var enricher = new EventTextEnricher(new LexiconTextAnalyzer(), options.SurveyCommentWeight);
        var withEvidence = 0;
        foreach (var customer in Datasets.Medium.Take(80))
        {
            var events = customer.Events.Select(Datasets.Copy).OrderBy(e => e.OccurredAt).ToList();
            enricher.Enrich(events);
            var json = scorer.Score(events, Datasets.MediumOptions.Now).ToJson();

            ExperienceResultReader.TryRead(Encoding.UTF8.GetBytes(json), out var fast).ShouldBeTrue(json);
            Same(fast, JsonSerializer.Deserialize<ExperienceResult>(json, Web)!);
            ExperienceResult.FromJson(json).ToJson().ShouldBe(json);
            if (fast.Drivers.Any(d => d.EventIds.Count > 0)) withEvidence++;
        }
        withEvidence.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Escapes_numbers_unknown_members_and_empty_lists_are_read_as_the_serializer_reads_them()
    {
        var json = """
            {"score":-0.5e1,"extra":{"nested":[1,{"a":null}]},"drivers":[
              {"key":"k\u00e9y","name":"Name \"quoted\"\n","weight":1E-3,"maxPoints":10,"subscore":0.25,"contribution":2.5,
               "explanation":"Caf\u00e9 \ud83d\ude00 \\ /","eventIds":[9007199254740993,-1,0],"more":true},
              {"key":"k\u00e9y","name":"Other","weight":0,"maxPoints":0,"subscore":0,"contribution":0,"explanation":"","eventIds":[]}],
             "history":[{"score":12.25,"at":"2026-11-04T22:27:13.6662609+01:00"},{"at":"2026-11-05T00:00:00Z","score":0}],
             "repeatedProblems":["login \u2013 twice",""],"change":-1.88}
            """;

        ExperienceResultReader.TryRead(Encoding.UTF8.GetBytes(json), out var fast).ShouldBeTrue();

        Same(fast, JsonSerializer.Deserialize<ExperienceResult>(json, Web)!);
        fast.Drivers[0].EventIds.ShouldBe([9007199254740993, -1, 0]);
        fast.History[0].At.Offset.ShouldBe(TimeSpan.FromHours(1));
        // The fixed set of keys is kept once.
        ReferenceEquals(fast.Drivers[0].Key, fast.Drivers[1].Key).ShouldBeTrue();
    }

    [Theory]
    [InlineData("""{"Score":1,"Drivers":[],"History":[],"RepeatedProblems":[]}""")]
    [InlineData("""{"score":"1","drivers":[],"history":[],"repeatedProblems":[]}""")]
    [InlineData("""{"score":1,"drivers":[],"history":[]}""")]
    [InlineData("""{"score":1,"drivers":null,"history":[],"repeatedProblems":[]}""")]
    [InlineData("""{"score":1,"drivers":[],"history":[],"repeatedProblems":[null]}""")]
    [InlineData("""{"score":1,"drivers":[{"key":"a","name":"b","weight":1,"maxPoints":1,"subscore":1,"contribution":1,"explanation":"c"}],"history":[],"repeatedProblems":[]}""")]
    [InlineData("""{"score":1,"drivers":[],"history":[{"at":"2026-11-05T00:00:00Z","score":"2"}],"repeatedProblems":[]}""")]
    public void Other_shapes_are_left_to_the_serializer(string json)
    {
        ExperienceResultReader.TryRead(Encoding.UTF8.GetBytes(json), out _).ShouldBeFalse();

        var expected = JsonSerializer.Deserialize<ExperienceResult>(json, Web)!;
        JsonSerializer.Serialize(ExperienceResult.FromJson(json), Web).ShouldBe(JsonSerializer.Serialize(expected, Web));
    }

    [Theory]
    [InlineData("""{"score":1,"drivers":[],"history":[],"repeatedProblems":[]} trailing""")]
    [InlineData("""{"score":1,"drivers":[],""")]
    [InlineData("""{"score":1,"drivers":[],"history":[{"at":"yesterday","score":1}],"repeatedProblems":[]}""")]
    [InlineData("null")]
    public void Broken_documents_fail_as_they_did(string json)
    {
        ExperienceResultReader.TryRead(Encoding.UTF8.GetBytes(json), out _).ShouldBeFalse();

        Should.Throw<JsonException>(() => ExperienceResult.FromJson(json));
    }

    private static void Same(ExperienceResult actual, ExperienceResult expected)
    {
        actual.Score.ShouldBe(expected.Score);
        actual.RepeatedProblems.ShouldBe(expected.RepeatedProblems);
        actual.History.ShouldBe(expected.History);
        actual.Drivers.Count.ShouldBe(expected.Drivers.Count);
        for (var i = 0; i < expected.Drivers.Count; i++)
        {
            var (a, e) = (actual.Drivers[i], expected.Drivers[i]);
            (a.Key, a.Name, a.Weight, a.MaxPoints, a.Subscore, a.Contribution, a.Explanation)
                .ShouldBe((e.Key, e.Name, e.Weight, e.MaxPoints, e.Subscore, e.Contribution, e.Explanation));
            a.EventIds.ShouldBe(e.EventIds);
        }
    }
}
