namespace CustomerTimeline.Api.Generator;

/// <summary>
/// Every piece of human text the generator uses, in English and French. Placeholders: {first} (customer first
/// name), {company} (customer company), {agent} / {agentFirst} (our account owner), {product} (our product).
/// </summary>
internal static class TextPools
{
    public const string Product = "Lumentrail";
    public const string SiteUrl = "https://www.lumentrail.io";

    // ---- people and companies ------------------------------------------------------------------------------

    public static readonly string[] FirstNamesEn =
    [
        "Olivia", "Liam", "Emma", "Noah", "Ava", "James", "Sophia", "Benjamin", "Isabella", "Lucas", "Mia", "Henry",
        "Amelia", "Alexander", "Harper", "Daniel", "Evelyn", "Michael", "Abigail", "Ethan", "Emily", "Jacob",
        "Charlotte", "Logan", "Grace", "Jackson", "Chloe", "Samuel", "Zoe", "David", "Priya", "Raj", "Mei", "Kenji",
        "Fatima", "Omar", "Aisha", "Diego", "Lucia", "Connor",
    ];

    public static readonly string[] LastNamesEn =
    [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris",
        "Clark", "Lewis", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson",
        "Patel", "Nguyen", "Kim", "O'Brien", "Murphy", "Campbell", "Reyes",
    ];

    public static readonly string[] FirstNamesFr =
    [
        "Élodie", "Hélène", "Théo", "Loïc", "Gaëlle", "François", "Jérôme", "Céline", "Amélie", "Benoît", "Clément",
        "Anaïs", "Léa", "Chloé", "Mathéo", "Noémie", "Raphaël", "Zoé", "Inès", "Maëlle", "Timothée", "Aurélien",
        "Grégoire", "Sébastien", "Océane", "Stéphanie", "Frédéric", "Camille", "Julien", "Margaux",
    ];

    public static readonly string[] LastNamesFr =
    [
        "Marchand", "Lefèvre", "Dubois", "Moreau", "Laurent", "Girard", "Rousseau", "Fontaine", "Chevalier",
        "Gauthier", "Mercier", "Bonnet", "Lambert", "Faure", "André", "Roux", "Fournier", "Garnier", "Morel",
        "Perrin", "Leroy", "Bérard", "Dupré", "Lemaître", "Boucher", "Renaud", "Caron", "Barbier", "Brunet", "Hébert",
    ];

    public static readonly string[] FirstNamesDe =
    [
        "Jonas", "Lena", "Lukas", "Anna", "Felix", "Mia", "Paul", "Hannah", "Maximilian", "Sophie", "Jürgen",
        "Katrin", "Stefan", "Sabine", "Tobias", "Jörg", "Ulrike", "Niklas",
    ];

    public static readonly string[] LastNamesDe =
    [
        "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
        "Koch", "Richter", "Wolf", "Schäfer", "Krüger", "Neumann", "Braun", "Zimmermann",
    ];

    public static readonly (string Name, string Domain)[] CompaniesUs =
    [
        ("Bluefin Analytics", "bluefinanalytics.com"), ("Harbor & Pine Logistics", "harborpine.com"),
        ("Crestline Health", "crestlinehealth.com"), ("Quarry Lane Software", "quarrylane.io"),
        ("Maple Street Bakery Co.", "maplestreetbakery.com"), ("Ironbridge Manufacturing", "ironbridge-mfg.com"),
        ("Summit Outdoor Gear", "summitoutdoorgear.com"), ("Brightwave Media", "brightwavemedia.com"),
        ("Larkspur Insurance", "larkspurins.com"), ("Pinecrest Dental Group", "pinecrestdental.com"),
        ("Copperleaf Energy", "copperleafenergy.com"), ("Silverline Travel", "silverlinetravel.com"),
        ("Redwood Legal LLP", "redwoodlegal.com"), ("Nimbus Cloudworks", "nimbuscloudworks.io"),
        ("Tidewater Foods", "tidewaterfoods.com"), ("Granite Peak Construction", "granitepeakbuild.com"),
        ("Lighthouse Learning", "lighthouselearning.org"), ("Vantage Point Realty", "vantagepointrealty.com"),
    ];

    public static readonly (string Name, string Domain)[] CompaniesGb =
    [
        ("Thames Valley Print", "tvprint.co.uk"), ("Kestrel Home Insurance", "kestrelhome.co.uk"),
        ("Albion Bikes", "albionbikes.co.uk"), ("Pennine Water Services", "penninewater.co.uk"),
        ("Wexford & Hale Solicitors", "wexfordhale.co.uk"), ("Camden Coffee Roasters", "camdenroasters.co.uk"),
    ];

    public static readonly (string Name, string Domain)[] CompaniesCa =
    [
        ("Maple Leaf Outfitters", "mapleleafoutfitters.ca"), ("Laurentian Tech", "laurentiantech.ca"),
        ("Prairie Grain Co-op", "prairiegrain.ca"), ("Harbourfront Dental", "harbourfrontdental.ca"),
    ];

    public static readonly (string Name, string Domain)[] CompaniesQuebec =
    [
        ("Boréal Conseils", "boreal-conseils.ca"), ("Érablière du Lac", "erabliere-dulac.ca"),
        ("Groupe Saint-Laurent", "groupe-stlaurent.ca"), ("Librairie Côté", "librairie-cote.ca"),
    ];

    public static readonly (string Name, string Domain)[] CompaniesFr =
    [
        ("Marchand Conseil", "marchand-conseil.fr"), ("Atelier Lumière", "atelier-lumiere.fr"),
        ("Boulangeries Dupré", "boulangeries-dupre.fr"), ("Vignobles de la Loire", "vignobles-loire.fr"),
        ("Éditions du Quai", "editionsduquai.fr"), ("Transports Garnier SAS", "transports-garnier.fr"),
        ("Optique Fontaine", "optique-fontaine.fr"), ("Clinique Saint-Vincent", "clinique-stvincent.fr"),
        ("Maison Renaud", "maison-renaud.fr"), ("Azur Voyages", "azur-voyages.fr"),
        ("Solutions Numériques Lyon", "snl-lyon.fr"), ("Menuiserie Caron", "menuiserie-caron.fr"),
        ("Pharmacie du Centre", "pharmacieducentre.fr"), ("Hôtel Belle Époque", "hotel-belleepoque.fr"),
    ];

    public static readonly (string Name, string Domain)[] CompaniesDe =
    [
        ("Rheinwerk Logistik GmbH", "rheinwerk-logistik.de"), ("Alpenblick Software", "alpenblick-software.de"),
        ("Hansestadt Versand", "hanse-versand.de"), ("Bäckerei Schäfer", "baeckerei-schaefer.de"),
        ("Nordlicht Energie AG", "nordlicht-energie.de"),
    ];

    public static readonly string[] FreeMailEn = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me"];
    public static readonly string[] FreeMailFr = ["gmail.com", "orange.fr", "free.fr", "laposte.net", "sfr.fr", "hotmail.fr"];
    public static readonly string[] FreeMailDe = ["gmx.de", "web.de", "gmail.com", "t-online.de"];

    public static readonly string[] UsAreaCodes = ["212", "312", "415", "512", "617", "206", "303", "404", "713", "305"];
    public static readonly string[] CaAreaCodes = ["416", "604", "613", "403", "902"];
    public static readonly string[] QuebecAreaCodes = ["514", "418", "438", "819"];
    public static readonly string[] DeMobilePrefixes = ["151", "152", "157", "160", "170", "172", "176"];

    public static readonly Localized<string> JobTitles = new(
        [
            "Customer Success Manager", "Head of Support", "Support Team Lead", "VP Customer Experience",
            "Marketing Director", "Operations Manager", "CTO", "IT Manager", "Office Manager", "Founder & CEO",
            "Sales Operations Analyst", "CX Analyst",
        ],
        [
            "Responsable relation client", "Directrice du service client", "Chef d'équipe support",
            "Directeur de l'expérience client", "Responsable marketing", "Directeur des opérations", "DSI",
            "Gérante", "Chargée de clientèle", "Fondateur et PDG", "Analyste CX",
        ]);

    public static readonly Localized<string> Agents = new(
        ["Sarah Collins", "Mike Turner", "Priya Raman", "Tom Becker", "Jess Navarro", "Alan Brooks"],
        ["Camille Durand", "Julien Moreau", "Sophie Lefort", "Nicolas Petit", "Manon Giraud"]);

    // ---- CRM (Dataverse) -----------------------------------------------------------------------------------

    public static readonly string[] LifecycleStages =
        ["lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer", "evangelist"];

    /// <summary>Dataverse logical name and a readable label for the fields a contact update can touch.</summary>
    public static readonly (string Field, string Label)[] ContactFields =
    [
        ("jobtitle", "job title"), ("telephone1", "phone"), ("mobilephone", "mobile phone"),
        ("emailaddress1", "email"), ("address1_city", "city"), ("parentcustomerid", "account"),
        ("preferredcontactmethodcode", "preferred contact method"), ("donotbulkemail", "marketing consent"),
    ];

    public static readonly Localized<(string Subject, string Body, bool Incoming)> ProspectEmails = new(
        [
            ("Thanks for your interest in {product}", "Hi {first}, thanks for downloading our customer journey guide. Would a 20-minute call help you see how {product} fits {company}?", false),
            ("Your {product} demo recording", "Hi {first}, as promised here is the recording of today's demo and the slides on the unified timeline.", false),
            ("Pricing proposal for {company}", "Hi {first}, please find attached our proposal for 25 agent seats with the Zendesk and Dynamics connectors.", false),
            ("Question about pricing tiers", "Hello, we have about 30 support agents. Is the Growth plan billed per agent or per workspace?", true),
            ("Re: Demo follow-up", "Thanks for the demo. Our IT team wants to check how the Zendesk integration handles deleted tickets before we go further.", true),
            ("Security questionnaire", "Hi {agentFirst}, our security team sent the attached questionnaire. Could you fill it in before our next meeting?", true),
        ],
        [
            ("Merci pour votre intérêt pour {product}", "Bonjour {first}, merci d'avoir téléchargé notre guide sur le parcours client. Un échange de 20 minutes vous aiderait-il à voir comment {product} s'adapte à {company} ?", false),
            ("L'enregistrement de votre démo {product}", "Bonjour {first}, comme promis voici l'enregistrement de la démo d'aujourd'hui et les slides sur la timeline unifiée.", false),
            ("Proposition tarifaire pour {company}", "Bonjour {first}, vous trouverez ci-joint notre proposition pour 25 agents avec les connecteurs Zendesk et Dynamics.", false),
            ("Question sur les offres", "Bonjour, nous avons environ 30 agents au support. L'offre Growth est-elle facturée par agent ou par espace ?", true),
            ("Re : suite à la démo", "Merci pour la démo. Notre DSI souhaite vérifier comment l'intégration Zendesk gère les tickets supprimés avant d'aller plus loin.", true),
            ("Questionnaire sécurité", "Bonjour {agentFirst}, notre RSSI nous a transmis le questionnaire ci-joint. Pourriez-vous le remplir avant notre prochain rendez-vous ?", true),
        ]);

    public static readonly Localized<(string Subject, string Body, bool Incoming)> CustomerEmails = new(
        [
            ("Welcome to {product}: your onboarding plan", "Hi {first}, welcome aboard! Here is the onboarding plan we agreed on: connectors in week 1, journey map in week 2, agent training in week 3.", false),
            ("Your quarterly business review", "Hi {first}, ahead of our QBR here are your numbers: first response time down 18%, NPS up 6 points.", false),
            ("Renewal coming up for {company}", "Hi {first}, your subscription renews next month. Shall we review seat counts together?", false),
            ("New: journey map filters", "Hi {first}, you can now filter the global journey map by segment and channel. Let us know what you think!", false),
            ("Invoice question", "Hello {agentFirst}, our finance team cannot match invoice INV-2291 with the PO. Could you resend it with the PO number?", true),
            ("Adding more seats", "Hi {agentFirst}, we are onboarding 8 new agents next month. What is the process to add seats mid-term?", true),
            ("Feedback on the new timeline view", "The new timeline view is great, our agents love seeing web visits next to tickets.", true),
        ],
        [
            ("Bienvenue sur {product} : votre plan d'onboarding", "Bonjour {first}, bienvenue ! Voici le plan convenu : connecteurs en semaine 1, carte du parcours en semaine 2, formation des agents en semaine 3.", false),
            ("Votre revue trimestrielle", "Bonjour {first}, avant notre revue voici vos chiffres : délai de première réponse en baisse de 18 %, NPS en hausse de 6 points.", false),
            ("Renouvellement pour {company}", "Bonjour {first}, votre abonnement sera renouvelé le mois prochain. Voulez-vous revoir ensemble le nombre de licences ?", false),
            ("Nouveau : filtres sur la carte du parcours", "Bonjour {first}, vous pouvez maintenant filtrer la carte du parcours client par segment et par canal. Dites-nous ce que vous en pensez !", false),
            ("Question sur une facture", "Bonjour {agentFirst}, notre service comptable n'arrive pas à rapprocher la facture INV-2291 du bon de commande. Pouvez-vous la renvoyer avec le numéro de commande ?", true),
            ("Ajout de licences", "Bonjour {agentFirst}, nous intégrons 8 nouveaux agents le mois prochain. Comment ajouter des licences en cours de contrat ?", true),
            ("Retour sur la nouvelle timeline", "La nouvelle vue timeline est top, nos agents adorent voir les visites web à côté des tickets.", true),
        ]);

    public static readonly Localized<(string Subject, string Body)> ProspectCalls = new(
        [
            ("Discovery call", "Talked about their current tools: Zendesk plus spreadsheets. Main pain: agents lack context when customers call."),
            ("Follow-up call after demo", "Positive feedback on the timeline. Open question: data residency in the EU."),
            ("Pricing discussion", "Asked for a discount for a 2-year commitment. Will come back with a revised quote."),
        ],
        [
            ("Appel de découverte", "Outils actuels : Zendesk et des tableurs. Principal problème : les agents manquent de contexte quand le client appelle."),
            ("Appel de suivi après la démo", "Retour positif sur la timeline. Question ouverte : hébergement des données dans l'UE."),
            ("Discussion tarifaire", "Demande une remise pour un engagement de 2 ans. Je reviens avec un devis révisé."),
        ]);

    public static readonly Localized<(string Subject, string Body)> CustomerCalls = new(
        [
            ("Onboarding check-in", "Connectors are live. They want help configuring the journey stages."),
            ("Renewal call", "Happy overall, wants 5 more seats. Asked about the SMS channel."),
            ("Escalation call about open tickets", "Frustrated about slow answers on two tickets. Promised a callback from support lead."),
        ],
        [
            ("Point d'étape onboarding", "Les connecteurs sont en place. Ils veulent de l'aide pour configurer les étapes du parcours."),
            ("Appel de renouvellement", "Satisfaits dans l'ensemble, veulent 5 licences de plus. Question sur le canal SMS."),
            ("Appel d'escalade sur des tickets ouverts", "Mécontents de la lenteur des réponses sur deux tickets. Rappel promis par le responsable support."),
        ]);

    public static readonly Localized<(string Subject, string Body)> ProspectMeetings = new(
        [
            ("Product demo", "Demo of the unified timeline, journey map and Zendesk connector for {company}."),
            ("Technical deep-dive with IT", "SSO, data retention and the Dynamics 365 connector permissions."),
            ("Proposal review", "Walked through the proposal with {first} and their finance lead."),
        ],
        [
            ("Démo produit", "Démo de la timeline unifiée, de la carte du parcours et du connecteur Zendesk pour {company}."),
            ("Atelier technique avec la DSI", "SSO, durée de conservation des données et droits du connecteur Dynamics 365."),
            ("Revue de la proposition", "Présentation de la proposition à {first} et à son responsable financier."),
        ]);

    public static readonly Localized<(string Subject, string Body)> CustomerMeetings = new(
        [
            ("Kick-off meeting", "Project kick-off: goals, owners and go-live date agreed."),
            ("Quarterly business review", "Reviewed adoption, NPS trend and the roadmap for next quarter."),
            ("Training session for support agents", "Trained 12 agents on the timeline and the suggested next action."),
        ],
        [
            ("Réunion de lancement", "Lancement du projet : objectifs, responsables et date de mise en service validés."),
            ("Revue trimestrielle", "Revue de l'adoption, de l'évolution du NPS et de la feuille de route du prochain trimestre."),
            ("Formation des agents support", "Formation de 12 agents à la timeline et à l'action suggérée."),
        ]);

    public static readonly Localized<string> ProspectNotes = new(
        [
            "Budget approved for next quarter, decision expected next month.",
            "Currently tracking customer feedback in spreadsheets.",
            "Competitor in the running; our edge is the Dynamics connector.",
            "Met {first} at the CX Summit booth, interested in NPS automation.",
        ],
        [
            "Budget validé pour le prochain trimestre, décision attendue le mois prochain.",
            "Suivent actuellement les retours clients dans des tableurs.",
            "Un concurrent est en lice ; notre atout est le connecteur Dynamics.",
            "Rencontré {first} sur notre stand au salon CX, intéressé(e) par l'automatisation du NPS.",
        ]);

    public static readonly Localized<string> CustomerNotes = new(
        [
            "Very happy with the Zendesk integration.",
            "Our champion is leaving {company}; need a new contact before renewal.",
            "Asked for a case study; good advocacy candidate.",
            "Complained about the price increase at renewal.",
        ],
        [
            "Très satisfait(e) de l'intégration Zendesk.",
            "Notre sponsor quitte {company} ; trouver un nouvel interlocuteur avant le renouvellement.",
            "A proposé de témoigner dans une étude de cas : bon candidat ambassadeur.",
            "S'est plaint(e) de la hausse de prix au renouvellement.",
        ]);

    public static readonly Localized<string> ProspectTasks = new(
        ["Send case study to {first}", "Schedule demo with {company}", "Prepare pricing proposal", "Answer security questionnaire"],
        ["Envoyer une étude de cas à {first}", "Planifier une démo avec {company}", "Préparer la proposition tarifaire", "Répondre au questionnaire sécurité"]);

    public static readonly Localized<string> CustomerTasks = new(
        ["Prepare QBR deck for {company}", "Follow up on renewal", "Call back about NPS feedback", "Check seat usage"],
        ["Préparer la revue trimestrielle de {company}", "Relancer pour le renouvellement", "Rappeler suite au retour NPS", "Vérifier l'usage des licences"]);

    // ---- support (Zendesk) ---------------------------------------------------------------------------------

    public static readonly ProblemTopic[] Problems =
    [
        new("sync", "incident",
            new(["Sync failing between Dynamics and {product}"], ["La synchronisation avec Dynamics échoue"]),
            new(["Since this morning the sync job shows an error and no new contacts appear in the timeline."],
                ["Depuis ce matin la synchronisation affiche une erreur et aucun nouveau contact n'apparaît dans la timeline."]),
            new(["Sync failing again", "Sync still failing", "Sync STILL not working", "Sync broken again, 4th ticket", "Sync still failing, please escalate"],
                ["La synchro échoue encore", "Synchro toujours en panne", "La synchronisation ne marche toujours pas", "Encore la synchro, 4e ticket", "Synchro toujours en échec, merci d'escalader"])),
        new("login", "incident",
            new(["Cannot log in after password reset"], ["Impossible de me connecter après la réinitialisation du mot de passe"]),
            new(["I reset my password but the login page keeps saying my credentials are invalid."],
                ["J'ai réinitialisé mon mot de passe mais la page de connexion indique toujours que mes identifiants sont invalides."]),
            new(["Still cannot log in", "Login broken again", "Locked out again", "Login still not working, whole team blocked", "Still locked out"],
                ["Toujours impossible de me connecter", "Connexion de nouveau en panne", "Encore bloqué à la connexion", "Connexion toujours en panne, toute l'équipe bloquée", "Toujours bloqué"])),
        new("export", "problem",
            new(["CSV export is empty"], ["L'export CSV est vide"]),
            new(["When I export the timeline to CSV the file only contains the header row."],
                ["Quand j'exporte la timeline en CSV, le fichier ne contient que la ligne d'en-tête."]),
            new(["Export still empty", "CSV export broken again", "Export STILL empty", "Export still failing, need it for the board meeting", "Empty export again"],
                ["Export toujours vide", "Export CSV de nouveau en panne", "L'export est ENCORE vide", "Export toujours en échec, j'en ai besoin pour le comité", "Encore un export vide"])),
        new("webhooks", "incident",
            new(["Webhooks not delivered"], ["Les webhooks ne sont pas envoyés"]),
            new(["Our endpoint has not received any webhook since yesterday although events are in the timeline."],
                ["Notre endpoint ne reçoit plus aucun webhook depuis hier alors que les événements sont bien dans la timeline."]),
            new(["Webhooks still not delivered", "Webhooks down again", "Still no webhooks", "Webhooks failing again, urgent", "Webhooks still broken"],
                ["Webhooks toujours pas reçus", "Webhooks de nouveau en panne", "Toujours aucun webhook", "Webhooks encore en échec, urgent", "Webhooks toujours cassés"])),
        new("seats", "question",
            new(["How do I add a new agent?"], ["Comment ajouter un nouvel agent ?"]),
            new(["We hired two agents, where can I invite them and will it change our invoice?"],
                ["Nous avons recruté deux agents, où puis-je les inviter et est-ce que cela change notre facture ?"])),
        new("performance", "incident",
            new(["Dashboard loads slowly"], ["Le tableau de bord est très lent"]),
            new(["The journey map dashboard takes more than 30 seconds to load for our team."],
                ["Le tableau de bord du parcours client met plus de 30 secondes à s'afficher pour notre équipe."])),
        new("billing", "question",
            new(["Change billing address"], ["Changer l'adresse de facturation"]),
            new(["We moved offices, please update the billing address on our next invoice."],
                ["Nous avons déménagé, merci de mettre à jour l'adresse de facturation sur la prochaine facture."])),
        new("email-delivery", "incident",
            new(["Survey emails going to spam"], ["Les e-mails d'enquête arrivent en spam"]),
            new(["Several customers told us the NPS survey email landed in their spam folder."],
                ["Plusieurs clients nous disent que l'e-mail d'enquête NPS arrive dans leurs spams."])),
        new("mobile-app", "incident",
            new(["Mobile app crashes on Android"], ["L'application mobile plante sous Android"]),
            new(["The app closes as soon as I open a customer timeline on my Android phone."],
                ["L'application se ferme dès que j'ouvre la timeline d'un client sur mon téléphone Android."])),
        new("api", "question",
            new(["Question about GraphQL API rate limits"], ["Question sur les limites de l'API GraphQL"]),
            new(["What are the rate limits of the GraphQL API for a nightly export of 200k events?"],
                ["Quelles sont les limites de l'API GraphQL pour un export nocturne de 200 000 événements ?"])),
        new("gdpr", "task",
            new(["Request to erase a contact (GDPR)"], ["Demande d'effacement d'un contact (RGPD)"]),
            new(["One of our customers asked us to delete all their data. Please confirm once done."],
                ["Un de nos clients demande la suppression de toutes ses données. Merci de confirmer une fois fait."])),
        new("feature-request", "task",
            new(["Feature request: SMS channel"], ["Demande d'évolution : canal SMS"]),
            new(["It would be great to see SMS conversations in the timeline as well."],
                ["Ce serait super de voir aussi les conversations SMS dans la timeline."])),
    ];

    public static readonly Localized<string> AgentReplies = new(
        [
            "Hi {first}, thanks for reaching out. I'm looking into this now and will update you shortly. {agent}",
            "Hi {first}, we found the cause and deployed a fix. Could you confirm it works on your side? {agent}",
            "Hi {first}, could you send us a screenshot and the time it happened so we can check the logs? {agent}",
            "Hi {first}, I've escalated this to our engineering team with high priority. {agent}",
            "Hi {first}, here is the help center article that explains the steps. Let me know if anything is unclear. {agent}",
        ],
        [
            "Bonjour {first}, merci pour votre message. J'analyse le problème et je reviens vers vous rapidement. {agent}",
            "Bonjour {first}, nous avons trouvé la cause et déployé un correctif. Pouvez-vous confirmer que tout fonctionne ? {agent}",
            "Bonjour {first}, pourriez-vous nous envoyer une capture d'écran et l'heure de l'incident pour que nous vérifiions les logs ? {agent}",
            "Bonjour {first}, j'ai transmis votre demande à notre équipe technique en priorité haute. {agent}",
            "Bonjour {first}, voici l'article du centre d'aide qui décrit la marche à suivre. N'hésitez pas si quelque chose n'est pas clair. {agent}",
        ]);

    public static readonly Localized<string> CustomerFollowUps = new(
        [
            "Thanks, it works now!",
            "Here is the screenshot, it happened around 9:40 this morning.",
            "Any update on this? We are waiting for it.",
            "Thank you for the quick answer, much appreciated.",
            "It is better but still slow for some of our agents.",
        ],
        [
            "Merci, ça fonctionne maintenant !",
            "Voici la capture d'écran, c'est arrivé vers 9h40 ce matin.",
            "Des nouvelles ? Nous attendons toujours.",
            "Merci pour la réponse rapide, c'est très apprécié.",
            "C'est mieux mais encore lent pour certains de nos agents.",
        ]);

    public static readonly Localized<string> InternalNotes = new(
        [
            "Reproduced on staging, linked to engineering issue ENG-4821.",
            "Customer is on the Growth plan, renewal in 2 months; handle with care.",
            "Waiting for logs from the customer before escalating.",
        ],
        [
            "Reproduit en préproduction, lié au ticket technique ENG-4821.",
            "Client sur l'offre Growth, renouvellement dans 2 mois : à traiter avec attention.",
            "En attente des logs du client avant escalade.",
        ]);

    public static readonly Localized<string> RepeatedComplaints = new(
        [
            "This is still not working. I already reported it and nothing has changed.",
            "Same problem again, this is the third time this week. We are losing a lot of time.",
            "Still not working after your fix. Honestly this is becoming unacceptable.",
            "It broke again overnight. Can someone finally look at the root cause?",
        ],
        [
            "C'est toujours en panne. Je l'ai déjà signalé et rien n'a changé.",
            "Encore le même problème, c'est la troisième fois cette semaine. Nous perdons beaucoup de temps.",
            "Toujours en panne après votre correctif. Franchement, cela devient inacceptable.",
            "C'est de nouveau cassé depuis cette nuit. Quelqu'un peut-il enfin regarder la cause ?",
        ]);

    // ---- surveys (Typeform) --------------------------------------------------------------------------------

    public static readonly Localized<string> PositiveComments = new(
        [
            "Great product, our agents finally see everything in one place.",
            "Support was fast and friendly. Keep it up!",
            "The journey map changed how we run our weekly CX meeting.",
            "Easy to set up and the Zendesk connector just works.",
            "Love it, already recommended it to two partners.",
        ],
        [
            "Super produit, nos agents voient enfin tout au même endroit.",
            "Support rapide et sympathique. Continuez comme ça !",
            "La carte du parcours client a changé notre réunion CX hebdomadaire.",
            "Facile à mettre en place et le connecteur Zendesk fonctionne parfaitement.",
            "J'adore, je l'ai déjà recommandé à deux partenaires.",
        ]);

    public static readonly Localized<string> NeutralComments = new(
        [
            "Does the job, but the reports could be more flexible.",
            "Fine overall. The mobile app needs work.",
            "OK, although onboarding took longer than expected.",
        ],
        [
            "Fait le travail, mais les rapports pourraient être plus souples.",
            "Correct dans l'ensemble. L'application mobile doit être améliorée.",
            "Bien, même si la mise en route a pris plus de temps que prévu.",
        ]);

    public static readonly Localized<string> NegativeComments = new(
        [
            "Too expensive for what it does.",
            "Support takes days to answer and the same bugs keep coming back.",
            "The sync breaks every week, we cannot trust the data.",
            "Very disappointed, we are looking at alternatives.",
        ],
        [
            "Trop cher pour ce que ça fait.",
            "Le support met des jours à répondre et les mêmes bugs reviennent sans cesse.",
            "La synchro casse chaque semaine, nous ne pouvons pas nous fier aux données.",
            "Très déçu, nous étudions d'autres solutions.",
        ]);

    public static readonly Localized<string> RepeatedProblemComments = new(
        [
            "Opened several tickets about the same issue in one week. Still not solved.",
            "Same bug over and over. Your support closes tickets without fixing anything.",
        ],
        [
            "Plusieurs tickets pour le même problème en une semaine. Toujours pas résolu.",
            "Toujours le même bug. Votre support ferme les tickets sans rien corriger.",
        ]);

    // ---- web (Matomo) --------------------------------------------------------------------------------------

    public static readonly WebPage[] Pages =
    [
        new("/", "Lumentrail | One timeline for every customer", true, true),
        new("/pricing", "Pricing | Lumentrail", true, false),
        new("/features/timeline", "Unified customer timeline | Lumentrail", true, true),
        new("/features/journey-map", "Customer journey map | Lumentrail", true, true),
        new("/features/integrations", "Integrations: Dynamics 365, Zendesk, Matomo, Typeform", true, true),
        new("/features/surveys", "NPS, CSAT & CES surveys | Lumentrail", true, false),
        new("/features/automation", "Hot listening & automation | Lumentrail", true, false),
        new("/blog/customer-journey-mapping-guide", "A practical guide to customer journey mapping", true, true),
        new("/blog/nps-vs-csat-vs-ces", "NPS vs CSAT vs CES: which one to use?", true, true),
        new("/blog/omnichannel-support-tips", "7 tips for omnichannel support", true, false),
        new("/blog/parcours-client-omnicanal", "Parcours client omnicanal : le guide", true, false),
        new("/customers", "Customer stories | Lumentrail", true, false),
        new("/demo", "Book a demo | Lumentrail", true, false),
        new("/docs/getting-started", "Getting started | Lumentrail Docs", true, true),
        new("/docs/connectors/zendesk", "Zendesk connector | Lumentrail Docs", false, true),
        new("/docs/connectors/dynamics-365", "Dynamics 365 connector | Lumentrail Docs", false, true),
        new("/docs/api/graphql", "GraphQL API reference | Lumentrail Docs", false, true),
        new("/docs/identity-resolution", "Identity resolution | Lumentrail Docs", false, true),
        new("/account", "My account | Lumentrail", false, true),
        new("/account/billing", "Billing | Lumentrail", false, true),
        new("/account/users", "Users & seats | Lumentrail", false, true),
        new("/account/integrations", "Connected sources | Lumentrail", false, true),
        new("/support", "Help center | Lumentrail", false, true),
        new("/support/contact", "Contact support | Lumentrail", false, true),
        new("/support/status", "System status | Lumentrail", false, true),
        new("/support/kb/sync-troubleshooting", "Troubleshooting connector sync | Lumentrail", false, true),
    ];

    public static readonly WebPage Signup = new("/signup", "Start your free trial | Lumentrail", true, false);
    public static readonly WebPage Checkout = new("/checkout", "Checkout | Lumentrail", true, true);

    public static readonly string[] SearchEngines = ["Google", "Bing", "DuckDuckGo", "Ecosia"];
    public static readonly string[] SearchEnginesFr = ["Google", "Qwant", "Bing"];
    public static readonly string[] SocialNetworks = ["LinkedIn", "X", "Facebook", "YouTube", "Reddit"];
    public static readonly string[] Campaigns = ["cx-summit-2026", "nps-webinar", "spring-promo", "retargeting-pricing", "newsletter-monthly"];
    public static readonly string[] Websites = ["g2.com", "capterra.com", "producthunt.com", "medium.com", "journaldunet.com", "zendesk.com/marketplace"];
    public static readonly string[] Browsers = ["Chrome", "Chrome", "Chrome", "Safari", "Edge", "Firefox", "Samsung Internet"];
    public static readonly string[] Devices = ["Desktop", "Desktop", "Desktop", "Smartphone", "Smartphone", "Tablet"];
}
