using CustomerTimeline.Api.Analysis;

namespace CustomerTimeline.Tests.Analysis;

public sealed class LexiconTextAnalyzerTests
{
    private readonly LexiconTextAnalyzer _analyzer = new();

    private double Score(string text) => _analyzer.Analyze(text).Sentiment ?? throw new InvalidOperationException($"No sentiment for '{text}'");

    [Theory]
    [InlineData("Great support, thank you!")]
    [InlineData("I love the new dashboard, very intuitive")]
    [InlineData("Super service, très rapide et efficace")]
    [InlineData("Je suis vraiment ravie, merci")]
    [InlineData("Not bad at all")]
    [InlineData("Pas mal du tout")]
    public void Positive_texts_score_above_zero(string text) => Score(text).ShouldBeGreaterThan(0.2);

    [Theory]
    [InlineData("This is terrible, the sync is broken")]
    [InlineData("I am not happy at all")]
    [InlineData("Not satisfied")]
    [InlineData("Pas satisfait du tout")]
    [InlineData("Je ne suis pas content")]
    [InlineData("Service nul, très déçu")]
    [InlineData("It does not work")]
    [InlineData("Ça ne fonctionne pas")]
    [InlineData("Ça ne marche plus")]
    public void Negative_texts_score_below_zero(string text) => Score(text).ShouldBeLessThan(-0.2);

    [Fact]
    public void Negation_flips_and_intensifiers_scale()
    {
        Score("happy").ShouldBeGreaterThan(0);
        Score("not happy").ShouldBeLessThan(0);
        Score("not happy at all").ShouldBeLessThan(Score("not happy"));
        Score("very good").ShouldBeGreaterThan(Score("good"));
        Score("slightly disappointed").ShouldBeGreaterThan(Score("disappointed"));
        Score("pas satisfait du tout").ShouldBeLessThan(Score("pas satisfait"));
    }

    [Fact]
    public void Clause_after_but_weighs_more()
    {
        Score("The agent was friendly but the product is terrible").ShouldBeLessThan(0);
        Score("Le produit est lent mais le support est excellent").ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Text_without_opinion_words_has_no_sentiment()
    {
        _analyzer.Analyze("Please update my billing address").Sentiment.ShouldBeNull();
        _analyzer.Analyze("").ShouldBe(TextAnalysis.Empty);
        _analyzer.Analyze(null).ShouldBe(TextAnalysis.Empty);
    }

    [Theory]
    [InlineData("I want to cancel my subscription", "cancel")]
    [InlineData("Je veux résilier mon contrat", "cancel")]
    [InlineData("Please refund me", "refund")]
    [InlineData("J'exige un remboursement", "refund")]
    [InlineData("The export is still not working", "repeated-problem")]
    [InlineData("Ça ne fonctionne toujours pas", "repeated-problem")]
    [InlineData("Le serveur est toujours en panne", "repeated-problem")]
    [InlineData("URGENT: production is down", "urgent")]
    public void Urgent_intents_are_flagged(string text, string intent)
    {
        var a = _analyzer.Analyze(text);
        a.Intents.ShouldContain(intent);
        a.Urgent.ShouldBeTrue();
    }

    [Fact]
    public void Praise_is_an_intent_but_not_urgent()
    {
        var a = _analyzer.Analyze("Thanks, great job!");
        a.Intents.ShouldContain("praise");
        a.Urgent.ShouldBeFalse();
    }

    [Theory]
    [InlineData("The product is not working and I am still waiting", "en")]
    [InlineData("Le produit ne fonctionne pas et je suis toujours en attente", "fr")]
    public void Language_is_detected(string text, string language) =>
        _analyzer.Analyze(text).Language.ShouldBe(language);
}
