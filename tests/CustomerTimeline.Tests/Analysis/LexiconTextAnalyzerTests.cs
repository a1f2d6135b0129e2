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
    [InlineData("Aplicația nu funcționează și încă aștept un răspuns", "ro")]
    public void Language_is_detected(string text, string language) =>
        _analyzer.Analyze(text).Language.ShouldBe(language);

    [Theory]
    [InlineData("Serviciul este foarte bun, mulțumesc!")]
    [InlineData("Îmi place noua versiune")]
    [InlineData("Suportul a fost rapid și amabil")]
    [InlineData("Produsul e lent, dar suportul este excelent")]
    [InlineData("SUNT FOARTE MULȚUMIT")]
    public void Romanian_positive_texts_score_above_zero(string text) => Score(text).ShouldBeGreaterThan(0.2);

    [Theory]
    [InlineData("Nu funcționează deloc")]
    [InlineData("Nu merge nimic de ieri")]
    [InlineData("N-a mers nici azi")]
    [InlineData("Nu sunt mulțumit")]
    [InlineData("Nu-mi place deloc")]
    [InlineData("Sunt foarte dezamăgit, serviciul este groaznic")]
    [InlineData("Am o problemă cu factura")]
    [InlineData("Sunt foarte dezamăgită, nu funcţionează")] // t with a cedilla, as older keyboards type it
    public void Romanian_negative_texts_score_below_zero(string text) => Score(text).ShouldBeLessThan(-0.2);

    [Fact]
    public void Romanian_negation_and_intensifiers_work_as_in_the_other_languages()
    {
        Score("Nu sunt deloc mulțumit").ShouldBeLessThan(Score("Nu sunt mulțumit"));
        Score("foarte bun").ShouldBeGreaterThan(Score("bun"));
        Score("Aplicaţia nu funcţionează").ShouldBe(Score("Aplicația nu funcționează"));
    }

    [Theory]
    [InlineData("Vreau să reziliez contractul", "cancel")]
    [InlineData("Vă rog să anulați abonamentul", "cancel")]
    [InlineData("Vreau banii înapoi", "refund")]
    [InlineData("Aplicația tot nu funcționează", "repeated-problem")]
    [InlineData("Este a treia oară când vă scriu, nu merge", "repeated-problem")]
    [InlineData("Voi depune o reclamație la ANPC", "complaint")]
    [InlineData("Avem nevoie de ajutor urgent", "urgent")]
    [InlineData("Rezolvați imediat, vă rog", "urgent")]
    public void Romanian_urgent_intents_are_flagged(string text, string intent)
    {
        var a = _analyzer.Analyze(text);
        a.Intents.ShouldContain(intent);
        a.Urgent.ShouldBeTrue();
    }

    [Theory]
    [InlineData("Thank you once again for your help!")]
    [InlineData("Merci encore une fois pour votre aide")]
    [InlineData("Vă mulțumim din nou!")]
    [InlineData("Third time I order from you, always perfect")]
    public void Again_in_a_thank_you_is_no_repeated_problem(string text)
    {
        var a = _analyzer.Analyze(text);
        a.Intents.ShouldNotContain("repeated-problem");
        a.Urgent.ShouldBeFalse();
    }

    [Theory]
    [InlineData("Sync broken once again")]
    [InlineData("Once again I cannot log in")]
    [InlineData("C'est de nouveau cassé depuis cette nuit.")]
    [InlineData("Connexion de nouveau en panne")]
    [InlineData("Din nou nu pot să mă conectez")]
    public void Again_in_a_complaint_is_a_repeated_problem(string text)
    {
        var a = _analyzer.Analyze(text);
        a.Intents.ShouldContain("repeated-problem");
        a.Urgent.ShouldBeTrue();
    }

    [Theory]
    [InlineData("Good morning, can you merge my two accounts?")]
    [InlineData("Have a good day")]
    [InlineData("Bonne journée")]
    [InlineData("Bună ziua, aș dori o copie a facturii")]
    [InlineData("Bună, am o întrebare despre factură")]
    [InlineData("Vă doresc o zi bună")]
    public void Greetings_carry_no_sentiment(string text) => _analyzer.Analyze(text).Sentiment.ShouldBeNull();

    [Theory]
    [InlineData("Please do not merge these two contacts")]
    [InlineData("Where should I place the order?")]
    public void English_words_spelled_like_Romanian_ones_carry_no_sentiment(string text) =>
        _analyzer.Analyze(text).Sentiment.ShouldBeNull();

    [Theory]
    [InlineData("No rush, this is not urgent.")]
    [InlineData("Ce n'est pas urgent, merci")]
    [InlineData("Nu e urgent, mulțumesc")]
    public void A_denied_urgency_is_no_urgent_intent(string text)
    {
        var a = _analyzer.Analyze(text);
        a.Intents.ShouldNotContain("urgent");
        a.Urgent.ShouldBeFalse();
    }

    [Fact]
    public void An_urgency_stated_beside_a_denied_one_still_counts() =>
        _analyzer.Analyze("It is not urgent for us, but it is urgent for my boss").Intents.ShouldContain("urgent");

    [Theory]
    [InlineData("Not urgent, thanks")]
    [InlineData("Nu e urgent, mulțumesc")]
    [InlineData("Pas de souci, merci")]
    public void A_negation_does_not_reach_past_a_comma(string text) => Score(text).ShouldBeGreaterThan(0);
}
