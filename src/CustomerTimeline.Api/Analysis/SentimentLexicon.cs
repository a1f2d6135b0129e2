namespace CustomerTimeline.Api.Analysis;

/// <summary>
/// Opinion words with a valence of -4..4, and the words that negate or scale them, in English, French and Romanian.
/// Words are stored accent-folded and lower-case, as the tokenizer produces them.
/// </summary>
internal static class SentimentLexicon
{
    public static readonly Dictionary<string, double> Valence = new(StringComparer.Ordinal)
    {
        // English
        ["good"] = 2, ["great"] = 3, ["excellent"] = 3.5, ["amazing"] = 3.5, ["awesome"] = 3.5, ["love"] = 3,
        ["loved"] = 3, ["like"] = 1.5, ["happy"] = 2.5, ["glad"] = 2, ["pleased"] = 2, ["satisfied"] = 2,
        ["helpful"] = 2, ["fast"] = 1.5, ["quick"] = 1.5, ["easy"] = 1.5, ["thanks"] = 1.5, ["thank"] = 1.5,
        ["perfect"] = 3, ["recommend"] = 2.5, ["resolved"] = 1.5, ["fixed"] = 1.5, ["works"] = 1, ["smooth"] = 2,
        ["friendly"] = 2, ["nice"] = 2, ["fantastic"] = 3.5, ["best"] = 3, ["reliable"] = 2, ["intuitive"] = 2,
        ["bad"] = -2.5, ["terrible"] = -3.5, ["awful"] = -3.5, ["horrible"] = -3.5, ["worst"] = -3.5,
        ["hate"] = -3, ["angry"] = -3, ["furious"] = -3.5, ["annoyed"] = -2, ["frustrated"] = -2.5,
        ["frustrating"] = -2.5, ["disappointed"] = -2.5, ["disappointing"] = -2.5, ["unhappy"] = -2.5,
        ["slow"] = -1.5, ["broken"] = -2.5, ["bug"] = -1.5, ["buggy"] = -2, ["fail"] = -2, ["fails"] = -2,
        ["failed"] = -2, ["failing"] = -2, ["failure"] = -2, ["error"] = -1.5, ["errors"] = -1.5, ["crash"] = -2.5,
        ["crashes"] = -2.5, ["useless"] = -3, ["unacceptable"] = -3, ["problem"] = -1.5, ["problems"] = -1.5,
        ["issue"] = -1, ["issues"] = -1, ["confusing"] = -1.5, ["difficult"] = -1.5, ["poor"] = -2.5,
        ["waste"] = -2.5, ["ridiculous"] = -2.5, ["slowly"] = -1, ["lost"] = -1.5, ["wrong"] = -2,
        ["satisfying"] = 2, ["working"] = 1, ["work"] = 0.5, ["worked"] = 1, ["mal"] = -2,
        // French
        ["bon"] = 2, ["bonne"] = 2, ["bien"] = 1.5, ["super"] = 3, ["excellente"] = 3.5,
        ["genial"] = 3.5, ["geniale"] = 3.5, ["parfait"] = 3, ["parfaite"] = 3, ["satisfait"] = 2,
        ["satisfaite"] = 2, ["content"] = 2, ["contente"] = 2, ["ravi"] = 3, ["ravie"] = 3, ["merci"] = 1.5,
        ["rapide"] = 1.5, ["efficace"] = 2, ["agreable"] = 2, ["simple"] = 1, ["facile"] = 1.5, ["top"] = 2.5,
        ["recommande"] = 2.5, ["aime"] = 2.5, ["adore"] = 3, ["resolu"] = 1.5, ["regle"] = 1.5,
        ["fonctionne"] = 1, ["fonctionnent"] = 1, ["marche"] = 0.5, ["marchent"] = 0.5, ["aimable"] = 2, ["utile"] = 2, ["fiable"] = 2,
        ["mauvais"] = -2.5, ["mauvaise"] = -2.5, ["nul"] = -3, ["nulle"] = -3,
        ["decu"] = -2.5, ["decue"] = -2.5, ["decevant"] = -2.5, ["mecontent"] = -2.5,
        ["mecontente"] = -2.5, ["lent"] = -1.5, ["lente"] = -1.5, ["probleme"] = -1.5, ["problemes"] = -1.5,
        ["panne"] = -2.5, ["bogue"] = -1.5, ["erreur"] = -1.5, ["erreurs"] = -1.5,
        ["inacceptable"] = -3, ["inadmissible"] = -3, ["scandaleux"] = -3.5, ["furieux"] = -3.5,
        ["furieuse"] = -3.5, ["enerve"] = -2.5, ["agace"] = -2, ["frustre"] = -2.5, ["frustrant"] = -2.5,
        ["catastrophe"] = -3.5, ["catastrophique"] = -3.5, ["inutile"] = -2.5, ["complique"] = -1.5,
        ["difficile"] = -1.5, ["echec"] = -2, ["echoue"] = -2, ["plante"] = -2, ["bloque"] = -2, ["perdu"] = -1.5,
        ["casse"] = -2.5, ["cassee"] = -2.5, ["casses"] = -2.5, ["cassees"] = -2.5, ["broke"] = -2,
        // Romanian (words spelled as in English or French are above)
        ["bun"] = 2, ["buna"] = 2, ["buni"] = 2, ["bune"] = 2, ["bine"] = 1.5, ["excelent"] = 3.5, ["excelenta"] = 3.5,
        ["minunat"] = 3.5, ["minunata"] = 3.5, ["perfecta"] = 3, ["grozav"] = 3, ["grozava"] = 3, ["extraordinar"] = 3.5,
        ["multumit"] = 2, ["multumita"] = 2, ["multumiti"] = 2, ["satisfacut"] = 2, ["satisfacuta"] = 2,
        ["multumesc"] = 1.5, ["multumim"] = 1.5, ["mersi"] = 1.5, ["rapid"] = 1.5, ["rapida"] = 1.5, ["repede"] = 1.5,
        ["eficient"] = 2, ["eficienta"] = 2, ["usor"] = 1.5, ["usoara"] = 1.5, ["simplu"] = 1, ["simpla"] = 1,
        ["util"] = 2, ["utila"] = 2, ["folositor"] = 2, ["recomand"] = 2.5, ["placut"] = 2, ["placuta"] = 2,
        ["rezolvat"] = 1.5, ["rezolvata"] = 1.5, ["fiabil"] = 2, ["amabil"] = 2, ["amabila"] = 2, ["amabili"] = 2,
        ["incantat"] = 3, ["incantata"] = 3, ["ador"] = 3, ["profesionist"] = 2,
        ["functioneaza"] = 1, ["functiona"] = 1, ["functionat"] = 1,
        ["rau"] = -2.5, ["rea"] = -2.5, ["prost"] = -2.5, ["proasta"] = -2.5, ["groaznic"] = -3.5, ["groaznica"] = -3.5,
        ["oribil"] = -3.5, ["oribila"] = -3.5, ["teribil"] = -3.5, ["jalnic"] = -3, ["jalnica"] = -3, ["penibil"] = -2.5,
        ["dezamagit"] = -2.5, ["dezamagita"] = -2.5, ["dezamagiti"] = -2.5, ["dezamagitor"] = -2.5, ["dezamagire"] = -2.5,
        ["nemultumit"] = -2.5, ["nemultumita"] = -2.5, ["nemultumiti"] = -2.5, ["nervos"] = -2.5, ["nervoasa"] = -2.5,
        ["furios"] = -3.5, ["furioasa"] = -3.5, ["frustrat"] = -2.5, ["frustrata"] = -2.5,
        ["lenta"] = -1.5, ["incet"] = -1.5, ["greoi"] = -1.5, ["problema"] = -1.5, ["problemele"] = -1.5,
        ["eroare"] = -1.5, ["erori"] = -1.5, ["eroarea"] = -1.5, ["erorile"] = -1.5, ["intarziere"] = -1.5,
        ["defect"] = -2.5, ["defecta"] = -2.5, ["stricat"] = -2.5, ["stricata"] = -2.5, ["blocat"] = -2, ["blocata"] = -2,
        ["inutil"] = -2.5, ["inutila"] = -2.5, ["complicat"] = -1.5, ["complicata"] = -1.5, ["dificil"] = -1.5,
        ["greu"] = -1.5, ["esec"] = -2, ["esuat"] = -2, ["esueaza"] = -2, ["pierdut"] = -1.5,
        ["inacceptabil"] = -3, ["inacceptabila"] = -3, ["inadmisibil"] = -3, ["scandalos"] = -3.5, ["scandaloasa"] = -3.5,
        ["dezastru"] = -3.5, ["dezastruos"] = -3.5, ["urasc"] = -3,
    };

    /// <summary>
    /// Romanian "place" (likes) is an opinion only after the pronoun saying who likes it ("îmi place", "nu-mi
    /// place"); alone it would read the English "place".
    /// </summary>
    public static readonly HashSet<string> LikedBy = new(StringComparer.Ordinal) { "imi", "mi", "ne", "iti", "ti", "va", "le", "ii" };

    public const double LikedValence = 2;

    /// <summary>
    /// Romanian "merge" (goes, works) says nothing alone and is the English "merge"; after a Romanian negator
    /// ("nu merge", "n-a mers") it is the plain complaint <see cref="BrokenValence"/>.
    /// </summary>
    public static readonly HashSet<string> WorksWhenRomanian = new(StringComparer.Ordinal) { "merge", "mergea", "mers" };

    /// <summary>Romanian auxiliaries that "n-" (not) is written onto: "n-a funcționat", "n-am primit".</summary>
    public static readonly HashSet<string> RomanianAuxiliaries = new(StringComparer.Ordinal) { "a", "am", "ai", "au", "ati", "as", "o", "are" };

    /// <summary>
    /// Greetings and sign-offs built from an opinion word, which say nothing about the experience: "good morning",
    /// "bonne journée", "bună ziua" (<see cref="GreetingWords"/> then one of these), "o zi bună" (one of these then it).
    /// </summary>
    public static readonly HashSet<string> GreetingTimes = new(StringComparer.Ordinal)
    {
        "morning", "afternoon", "evening", "night", "day", "weekend",
        "journee", "soiree", "nuit", "semaine", "fin", "continuation", "courage", "apres",
        "ziua", "zi", "dimineata", "seara", "noapte", "saptamana", "sarbatori",
    };

    public static readonly HashSet<string> GreetingWords = new(StringComparer.Ordinal)
    {
        "good", "bonne", "bon", "buna", "bun", "placut", "placuta",
    };

    /// <summary>
    /// Verbs about something functioning: mildly positive alone, but "does not work" / "ne marche plus" is a
    /// plain complaint, so their negation takes <see cref="BrokenValence"/> rather than a damped flip.
    /// </summary>
    public static readonly HashSet<string> Functional = new(StringComparer.Ordinal)
    {
        "work", "works", "working", "worked", "fonctionne", "fonctionnent", "marche", "marchent",
        "functioneaza", "functiona", "functionat",
    };

    public const double BrokenValence = -2.5;

    /// <summary>Words that flip the valence of the opinion words shortly after them.</summary>
    public static readonly HashSet<string> Negators = new(StringComparer.Ordinal)
    {
        "not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without", "cannot", "cant", "dont",
        "doesnt", "didnt", "isnt", "wasnt", "arent", "werent", "wont", "wouldnt", "couldnt", "shouldnt", "hardly",
        "pas", "jamais", "aucun", "aucune", "ni", "sans", "personne", "rien", "plus",
        "nu", "nici", "niciodata", "nimic", "nimeni", "fara", "niciun", "nicio", "niciuna",
    };

    /// <summary>Words after which the rest of the sentence weighs more: "but", "mais", "dar"...</summary>
    public static readonly HashSet<string> Contrasts = new(StringComparer.Ordinal)
    {
        "but", "however", "mais", "cependant", "dar", "insa", "totusi",
    };

    /// <summary>Scale the next opinion word (or, with "at all"/"du tout", the one before).</summary>
    public static readonly Dictionary<string, double> Intensifiers = new(StringComparer.Ordinal)
    {
        ["very"] = 1.5, ["really"] = 1.4, ["extremely"] = 1.8, ["so"] = 1.3, ["too"] = 1.3, ["super"] = 1.5,
        ["incredibly"] = 1.8, ["totally"] = 1.5, ["completely"] = 1.5, ["absolutely"] = 1.6, ["truly"] = 1.4,
        ["tres"] = 1.5, ["vraiment"] = 1.4, ["extremement"] = 1.8, ["tellement"] = 1.5, ["trop"] = 1.3,
        ["totalement"] = 1.5, ["completement"] = 1.5, ["absolument"] = 1.6, ["hyper"] = 1.5,
        ["slightly"] = 0.6, ["somewhat"] = 0.7, ["bit"] = 0.7, ["little"] = 0.7, ["fairly"] = 0.8,
        ["peu"] = 0.7, ["assez"] = 0.8, ["plutot"] = 0.8,
        ["foarte"] = 1.5, ["chiar"] = 1.4, ["extrem"] = 1.8, ["atat"] = 1.3, ["prea"] = 1.3, ["complet"] = 1.5,
        ["total"] = 1.5, ["absolut"] = 1.6, ["putin"] = 0.7, ["cam"] = 0.8, ["destul"] = 0.8,
    };

    public static readonly HashSet<string> EnglishMarkers = new(StringComparer.Ordinal)
    {
        "the", "and", "is", "are", "was", "it", "this", "that", "not", "with", "my", "i", "you", "we", "to", "of",
        "for", "have", "has", "still", "very", "but", "at", "all",
    };

    public static readonly HashSet<string> FrenchMarkers = new(StringComparer.Ordinal)
    {
        "le", "la", "les", "et", "est", "sont", "un", "une", "des", "pas", "ne", "je", "vous", "nous", "du", "de",
        "pour", "avec", "mon", "ma", "toujours", "tres", "mais", "tout", "ce", "cette", "il", "elle", "ca",
    };

    /// <summary>Frequent Romanian words that are not English or French ones ("si", "și", is French's "if" too).</summary>
    public static readonly HashSet<string> RomanianMarkers = new(StringComparer.Ordinal)
    {
        "si", "este", "sunt", "nu", "cu", "pentru", "din", "pe", "mai", "care", "foarte", "dar", "inca", "eu", "noi",
        "meu", "mea", "acest", "aceasta", "ati", "sa", "imi", "nici", "fost", "sau", "acum", "doar", "deloc", "iar",
    };
}
