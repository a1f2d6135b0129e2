using System.Runtime.InteropServices;
using System.Text;
using CustomerTimeline.Api.Customers;

namespace CustomerTimeline.Api.Analysis;

/// <summary>
/// A small rule-and-lexicon analyzer in the spirit of VADER, for English, French and Romanian: opinion words carry a
/// valence, a negator up to three words before flips and damps it ("not happy", "pas satisfait", "nu sunt
/// mulțumit"), intensifiers scale it ("very", "vraiment", "foarte", and "at all"/"du tout"/"deloc" beside it), words
/// after "but"/"mais"/"dar" weigh more than before, and greetings ("good morning", "bună ziua") carry none.
/// </summary>
public sealed class LexiconTextAnalyzer : ITextAnalyzer
{
    private const double NegationScale = -0.74;
    private const double Normalization = 15;
    private const int MaxTextLength = 20_000;
    private const string ClauseMark = ",";

    public TextAnalysis Analyze(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return TextAnalysis.Empty;
        var folded = Fold(text.Length > MaxTextLength ? text[..MaxTextLength] : text);

        // One pass gives the words and where each sentence ends (a word never spans a sentence mark).
        var words = new List<string>();
        var sentenceEnds = new List<int>();
        Tokenize(folded, words, sentenceEnds);
        var all = CollectionsMarshal.AsSpan(words);

        double total = 0;
        var opinions = 0;
        var start = 0;
        List<string>? complaining = null;
        foreach (var end in sentenceEnds)
        {
            var sentence = all[start..end];
            var (sum, count) = ScoreSentence(sentence);
            total += sum;
            opinions += count;
            if (sum < 0 || (count == 0 && HasNegation(sentence)))
                (complaining ??= []).Add(" " + string.Join(' ', (ReadOnlySpan<string?>)sentence) + " ");
            start = end;
        }

        var intents = FindIntents(words, complaining);
        double? sentiment = opinions == 0 ? null : Math.Round(total / Math.Sqrt(total * total + Normalization), 4);
        var urgent = false;
        var names = new List<string>(intents.Count);
        foreach (var cue in intents)
        {
            names.Add(cue.Intent);
            urgent |= cue.Urgent;
        }
        return new TextAnalysis(sentiment, DetectLanguage(words), names, urgent);
    }

    private static (double Sum, int Count) ScoreSentence(ReadOnlySpan<string> tokens)
    {
        double sum = 0;
        var count = 0;
        var butAt = -1;
        for (var i = 0; i < tokens.Length && butAt < 0; i++)
        {
            if (SentimentLexicon.Contrasts.Contains(tokens[i])) butAt = i;
        }
        for (var i = 0; i < tokens.Length; i++)
        {
            if (!TryGetValence(tokens, i, out var valence)) continue;
            // "super" and "plus" are opinion words or modifiers depending on position: a modifier when another opinion word follows.
            if (SentimentLexicon.Intensifiers.ContainsKey(tokens[i]) && i + 1 < tokens.Length && SentimentLexicon.Valence.ContainsKey(tokens[i + 1]))
                continue;
            if (IsGreeting(tokens, i)) continue;

            var score = valence;
            for (var back = 1; back <= 2 && i - back >= 0; back++)
            {
                if (SentimentLexicon.Intensifiers.TryGetValue(tokens[i - back], out var factor))
                {
                    score *= factor;
                    break;
                }
            }
            if (SentimentLexicon.WorksWhenRomanian.Contains(tokens[i]))
                score = SentimentLexicon.BrokenValence; // only found negated
            else if (IsNegated(tokens, i))
                score = SentimentLexicon.Functional.Contains(tokens[i]) ? SentimentLexicon.BrokenValence : score * NegationScale;
            if (FollowedByAtAll(tokens, i)) score *= 1.5;
            if (butAt >= 0) score *= i > butAt ? 1.5 : 0.5;
            sum += score;
            count++;
        }
        return (sum, count);
    }

    private static bool TryGetValence(ReadOnlySpan<string> tokens, int at, out double valence)
    {
        var token = tokens[at];
        if (SentimentLexicon.Valence.TryGetValue(token, out valence)) return true;
        valence = token switch
        {
            "place" when at > 0 && SentimentLexicon.LikedBy.Contains(tokens[at - 1]) => SentimentLexicon.LikedValence,
            _ when SentimentLexicon.WorksWhenRomanian.Contains(token) && IsNegatedInRomanian(tokens, at) => SentimentLexicon.BrokenValence,
            _ => 0,
        };
        return valence != 0;
    }

    /// <summary>"Good morning", "bonne journée", "bună ziua", "o zi bună", and a sentence opening on "Bună" (hello).</summary>
    private static bool IsGreeting(ReadOnlySpan<string> tokens, int at)
    {
        if (!SentimentLexicon.GreetingWords.Contains(tokens[at])) return false;
        if (at + 1 < tokens.Length && SentimentLexicon.GreetingTimes.Contains(tokens[at + 1])) return true;
        if (at > 0 && SentimentLexicon.GreetingTimes.Contains(tokens[at - 1])) return true;
        return at == 0 && tokens[at] == "buna" && (tokens.Length == 1 || tokens[1] != "treaba");
    }

    private static bool IsNegatedInRomanian(ReadOnlySpan<string> tokens, int at)
    {
        for (var back = 1; back <= 3 && at - back >= 0 && tokens[at - back] != ClauseMark; back++)
        {
            if (tokens[at - back] == "nu" || IsRomanianNot(tokens, at - back)) return true;
        }
        return false;
    }

    /// <summary>"n-" written onto an auxiliary: "n-a mers", "n-am primit".</summary>
    private static bool IsRomanianNot(ReadOnlySpan<string> tokens, int at) =>
        tokens[at] == "n" && at + 1 < tokens.Length && SentimentLexicon.RomanianAuxiliaries.Contains(tokens[at + 1]);

    private static bool HasNegation(ReadOnlySpan<string> tokens)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            // A bare "plus" means "more" (and "ne ... plus" comes with an opinion word or a "pas", "rien"...).
            if ((tokens[i] != "plus" && SentimentLexicon.Negators.Contains(tokens[i])) || IsRomanianNot(tokens, i)) return true;
        }
        return false;
    }

    private static bool IsNegated(ReadOnlySpan<string> tokens, int at)
    {
        for (var back = 1; back <= 3 && at - back >= 0; back++)
        {
            var t = tokens[at - back];
            if (t == ClauseMark) break; // "not urgent, thanks": the thanks are not negated
            if (t == "plus")
            {
                // French "ne ... plus" negates; a bare "plus" means "more".
                for (var j = Math.Max(0, at - back - 3); j < at - back; j++)
                {
                    if (tokens[j] is "ne" or "n") return true;
                }
                continue;
            }
            if (SentimentLexicon.Negators.Contains(t) || IsRomanianNot(tokens, at - back)) return true;
        }
        // French "ne ... pas" may also wrap the verb: "ne fonctionne pas" puts the negator after the opinion word.
        return at + 1 < tokens.Length && tokens[at + 1] is "pas" or "jamais" or "plus" && at > 0 && tokens[at - 1] is "ne" or "n";
    }

    private static bool FollowedByAtAll(ReadOnlySpan<string> tokens, int at) =>
        (at + 2 < tokens.Length && tokens[at + 1] == "at" && tokens[at + 2] == "all")
        || (at + 2 < tokens.Length && tokens[at + 1] == "du" && tokens[at + 2] == "tout")
        || (at + 3 < tokens.Length && tokens[at + 1] == "pas" && tokens[at + 2] == "du" && tokens[at + 3] == "tout")
        // Romanian "deloc" stands on either side: "nu merge deloc", "nu sunt deloc mulțumit".
        || (at + 1 < tokens.Length && tokens[at + 1] == "deloc") || (at > 0 && tokens[at - 1] == "deloc");

    private static List<IntentCues.Cue> FindIntents(List<string> words, List<string>? complaining)
    {
        var padded = " " + string.Join(' ', words) + " ";
        var found = new List<IntentCues.Cue>();
        for (var i = 0; i < IntentCues.All.Length; i++)
        {
            var cue = IntentCues.All[i];
            var text = cue.Denials is { } denials ? Without(padded, denials) : padded;
            if (text.AsSpan().ContainsAny(IntentCues.PaddedPhrases[i])
                || (IntentCues.PaddedComplaining[i] is { } phrases && complaining is not null
                    && complaining.Exists(sentence => (cue.Denials is { } d ? Without(sentence, d) : sentence).AsSpan().ContainsAny(phrases))))
                found.Add(cue);
        }
        return found;
    }

    /// <summary>The padded text with each denial ("not urgent") blanked out.</summary>
    private static string Without(string padded, string[] denials)
    {
        foreach (var denial in denials)
        {
            var phrase = " " + denial + " ";
            if (padded.Contains(phrase, StringComparison.Ordinal)) padded = padded.Replace(phrase, " ", StringComparison.Ordinal);
        }
        return padded;
    }

    private static string? DetectLanguage(List<string> words)
    {
        int en = 0, fr = 0, ro = 0;
        foreach (var w in words)
        {
            if (SentimentLexicon.EnglishMarkers.Contains(w)) en++;
            if (SentimentLexicon.FrenchMarkers.Contains(w)) fr++;
            if (SentimentLexicon.RomanianMarkers.Contains(w)) ro++;
        }
        if (en == 0 && fr == 0 && ro == 0) return null;
        if (ro > en && ro > fr) return "ro";
        return fr > en ? "fr" : "en";
    }

    /// <summary>Lower-case, accents removed, "n't" spelled out, so "Don't", "DÉÇU" and "decu" meet the lexicon alike.</summary>
    private static string Fold(string text)
    {
        var lowered = text.ToLowerInvariant().Replace('’', '\'').Replace("n't", " not", StringComparison.Ordinal);
        // The customer search's folding (invariant globalization has no string.Normalize): Latin letters with any
        // accent, Romanian ș and ț with a comma or a cedilla, decomposed accents.
        return Ascii.IsValid(lowered) ? lowered : CustomerSearch.Fold(lowered);
    }

    /// <summary>
    /// Words are runs of letters and digits, and a comma or colon between two words is the token <see cref="ClauseMark"/>
    /// (a negation does not reach past it); <paramref name="sentenceEnds"/> gets the word count at each sentence's end.
    /// </summary>
    private static void Tokenize(string folded, List<string> words, List<int> sentenceEnds)
    {
        var span = folded.AsSpan();
        var wordStart = -1;
        for (var i = 0; i <= span.Length; i++)
        {
            var c = i < span.Length ? span[i] : '.';
            if (char.IsLetterOrDigit(c))
            {
                if (wordStart < 0) wordStart = i;
                continue;
            }
            if (wordStart >= 0)
            {
                words.Add(folded[wordStart..i]);
                wordStart = -1;
            }
            if (c is '.' or '!' or '?' or ';' or '\n' && (sentenceEnds.Count == 0 || sentenceEnds[^1] != words.Count))
                sentenceEnds.Add(words.Count);
            else if (c is ',' or ':' && words.Count > 0 && words[^1] != ClauseMark && (sentenceEnds.Count == 0 || sentenceEnds[^1] != words.Count))
                words.Add(ClauseMark);
        }
    }
}
