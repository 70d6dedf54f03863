//! Verb forms reach the stem of their infinitive, and words that only look like verb forms
//! keep their own: a list of forms written for this test, scored as a whole (the analyzer is
//! a heuristic over a word list, so a few misses are expected and listed).

use raad_core::analysis::analyze;

/// Each line: the infinitive, then forms that must get its stem.
const SAME_STEM: &[(&str, &[&str])] = &[
    (
        "overleggen",
        &["overleg", "overlegd", "overlegde", "overlegden", "overlegt"],
    ),
    (
        "bouwen",
        &["bouw", "gebouwd", "gebouwde", "bouwde", "bouwden", "bouwt"],
    ),
    ("beslissen", &["beslist", "besliste", "beslisten", "beslis"]),
    (
        "verhuizen",
        &["verhuisd", "verhuisde", "verhuisden", "verhuist", "verhuis"],
    ),
    ("oprichten", &["opgericht", "opgerichte"]),
    ("richten", &["richtte", "richtten", "richt"]),
    ("vragen", &["gevraagd", "vraagt", "vroegen"]),
    ("aanvragen", &["aangevraagd", "aangevraagde"]),
    ("vaststellen", &["vastgesteld", "vastgestelde"]),
    ("goedkeuren", &["goedgekeurd", "goedgekeurde", "goedkeurde"]),
    (
        "ondersteunen",
        &["ondersteund", "ondersteunt", "ondersteunde"],
    ),
    ("gebruiken", &["gebruikt", "gebruikte", "gebruikten"]),
    ("besluiten", &["besloten", "besloot"]),
    ("aannemen", &["aangenomen", "aannam"]),
    ("plaatsvinden", &["plaatsgevonden", "plaatsvond"]),
    ("komen", &["kwam", "kwamen", "gekomen", "komt"]),
    ("antwoorden", &["geantwoord", "antwoordde", "antwoordt"]),
    ("realiseren", &["gerealiseerd", "realiseerde", "realiseert"]),
    ("informeren", &["geinformeerd", "informeert", "informeerde"]),
    ("investeren", &["geïnvesteerd", "investeert", "investeerde"]),
    (
        "plaatsen",
        &["geplaatst", "plaatste", "plaatsten", "plaatst"],
    ),
    ("werken", &["gewerkt", "werkte", "werkten", "werkt"]),
    ("leggen", &["gelegd", "legde", "legden", "legt"]),
    ("zetten", &["gezet", "zette"]),
    ("stellen", &["gesteld", "stelde", "stelden", "stelt"]),
    ("voorstellen", &["voorgesteld", "voorgestelde"]),
    ("bespreken", &["besproken", "besprak", "bespreekt"]),
    ("verkrijgen", &["verkregen", "verkreeg"]),
    ("vertrekken", &["vertrokken", "vertrok"]),
    ("ontvangen", &["ontving", "ontvingen"]),
    ("zien", &["gezien", "zag", "ziet"]),
    ("toezien", &["toegezien", "toeziet"]),
    ("geven", &["gegeven", "gaf", "geeft"]),
    ("nemen", &["genomen", "nam", "neemt"]),
    ("brengen", &["gebracht", "bracht", "brachten"]),
    ("denken", &["gedacht", "dacht"]),
    ("vinden", &["gevonden", "vond", "vonden", "vindt"]),
    // A separable prefix before an unstressed one: no `ge`.
    ("terugbetalen", &["terugbetaald", "terugbetaalde"]),
    ("uitbetalen", &["uitbetaald", "uitbetaalde"]),
    // Strong verbs, alone and behind prefixes.
    ("stijgen", &["gestegen", "steeg", "stegen"]),
    ("dwingen", &["gedwongen", "dwong"]),
    ("opheffen", &["opgeheven"]),
    ("aanbevelen", &["aanbevolen"]),
    ("aanwerven", &["aangeworven"]),
    ("helpen", &["geholpen", "hielp"]),
    ("verdwijnen", &["verdwenen", "verdween"]),
    ("vergelijken", &["vergeleken", "vergeleek"]),
    ("verwijzen", &["verwezen", "verwees"]),
    ("bewijzen", &["bewezen"]),
    ("afwijken", &["afgeweken"]),
    ("wegen", &["gewogen"]),
    ("meten", &["gemeten"]),
    ("schuiven", &["geschoven"]),
    // Nouns of `nemen` and `geven` behind a prefix, singular and plural.
    (
        "deelnemen",
        &["deelname", "deelnames", "deelnamen", "deelgenomen"],
    ),
    ("toenemen", &["toename", "toegenomen"]),
    ("afnemen", &["afname", "afgenomen"]),
    ("overnemen", &["overname", "overgenomen"]),
    ("uitgeven", &["uitgave", "uitgaven", "uitgegeven"]),
    ("weergeven", &["weergave", "weergegeven"]),
    ("tewerkstellen", &["tewerkgesteld", "tewerkstelling"]),
    ("stopzetten", &["stopgezet", "stopzetting"]),
    ("blijven", &["gebleven", "bleef", "bleven", "blijft"]),
    (
        "schrijven",
        &["geschreven", "schreef", "schreven", "schrijft"],
    ),
    ("houden", &["gehouden", "hield", "hielden", "houdt"]),
    ("krijgen", &["gekregen", "kreeg", "kregen", "krijgt"]),
    ("zoeken", &["gezocht", "zocht", "zochten", "zoekt"]),
    ("kopen", &["gekocht", "kocht", "koopt"]),
    ("verkopen", &["verkocht", "verkochten"]),
    ("onderzoeken", &["onderzocht", "onderzochten"]),
    ("bezoeken", &["bezocht"]),
    ("sluiten", &["gesloten"]),
    ("afsluiten", &["afgesloten"]),
    (
        "organiseren",
        &["georganiseerd", "organiseert", "organiseerde"],
    ),
    ("betalen", &["betaald", "betaalde", "betaalt"]),
    ("verbeteren", &["verbeterd", "verbeterde", "verbetert"]),
    ("veranderen", &["veranderd", "veranderde", "verandert"]),
    ("wijzigen", &["gewijzigd", "wijzigde", "wijzigt"]),
    ("melden", &["gemeld", "meldde", "meldt"]),
    ("aanleggen", &["aangelegd"]),
    ("uitvoeren", &["uitgevoerd", "uitgevoerde"]),
    ("indienen", &["ingediend", "ingediende"]),
    ("toekennen", &["toegekend"]),
    ("bekijken", &["bekeken", "bekeek"]),
    ("behandelen", &["behandeld", "behandelde", "behandelt"]),
    ("regelen", &["geregeld", "regelde", "regelt"]),
    ("verlengen", &["verlengd", "verlengt"]),
    ("verhogen", &["verhoogd", "verhoogt", "verhoogde"]),
    ("verlagen", &["verlaagd", "verlaagt"]),
    ("openen", &["geopend", "opende", "opent"]),
    ("verlenen", &["verleend", "verleende"]),
    ("herstellen", &["hersteld", "herstelde"]),
    ("ontwikkelen", &["ontwikkeld", "ontwikkelde", "ontwikkelt"]),
    ("bevestigen", &["bevestigd", "bevestigde", "bevestigt"]),
    ("invoeren", &["ingevoerd", "invoerde"]),
    ("afschaffen", &["afgeschaft"]),
    ("opvolgen", &["opgevolgd"]),
    ("controleren", &["gecontroleerd", "controleert"]),
    ("financieren", &["gefinancierd", "financiert"]),
    ("subsidiëren", &["gesubsidieerd", "subsidieert"]),
    ("vervangen", &["verving"]),
    ("vallen", &["viel", "vielen"]),
    ("lopen", &["gelopen", "liep"]),
    ("staan", &["gestaan", "stond", "stonden"]),
    ("gaan", &["gegaan", "ging", "gingen", "gaat"]),
    ("spreken", &["gesproken", "sprak", "spraken", "spreekt"]),
    ("lezen", &["gelezen", "lazen", "leest"]),
    ("wonen", &["gewoond", "woonde", "woont"]),
    ("reizen", &["gereisd", "reisde", "reist"]),
    ("leven", &["geleefd", "leefde", "leeft"]),
    ("geloven", &["geloofd", "geloofde", "gelooft"]),
    ("kiezen", &["gekozen", "koos", "kiest"]),
    ("verkiezen", &["verkozen"]),
    ("winnen", &["gewonnen", "won"]),
    ("wachten", &["gewacht", "wachtte", "wacht"]),
    ("starten", &["gestart", "startte"]),
    ("zeggen", &["gezegd", "zei", "zeiden", "zegt"]),
    ("verwerpen", &["verworpen"]),
    ("benoemen", &["benoemd", "benoemde", "benoemt"]),
    ("verklaren", &["verklaard", "verklaarde"]),
    ("bereiken", &["bereikt", "bereikte"]),
];

/// Words that look like verb forms, each with the word whose stem it must not get.
const OWN_STEM: &[(&str, &str)] = &[
    ("gebied", "bieden"),
    ("gebieden", "bieden"),
    ("gebouw", "bouwen"),
    ("gebouwen", "bouwen"),
    ("gezin", "zinnen"),
    ("gezinnen", "zinnen"),
    ("gemeente", "menen"),
    ("geval", "vallen"),
    ("gevolg", "volgen"),
    ("gevolgen", "volgen"),
    ("gevecht", "vechten"),
    ("gerecht", "rechten"),
    ("gedicht", "dichten"),
    ("gezicht", "zichten"),
    ("gewicht", "wichten"),
    ("verband", "verbannen"),
    ("paarden", "paren"),
    ("paard", "paren"),
    ("buurten", "buren"),
    ("kaarten", "karen"),
    ("best", "bessen"),
    ("kust", "kussen"),
    ("gezond", "zonnen"),
    ("gezond", "zenden"),
    ("bekend", "bekennen"),
    ("geschikt", "schikken"),
    ("rente", "rennen"),
    ("ruimte", "ruimen"),
    ("geleden", "leden"),
    ("namen", "nemen"),
    ("sloten", "sluiten"),
    ("staat", "staan"),
    ("vroeg", "vragen"),
    ("reden", "rijden"),
    ("lagen", "liggen"),
    ("bestand", "bestaan"),
    ("bedrag", "dragen"),
    ("gedrag", "dragen"),
    ("gebrek", "breken"),
    ("veld", "vellen"),
    ("held", "hellen"),
    ("hoofd", "hoven"),
    ("bord", "boren"),
    ("gesprek", "spreken"),
    ("gevaar", "varen"),
    ("gevoel", "voelen"),
    ("geluid", "luiden"),
    ("gewest", "wezen"),
    ("geweld", "wellen"),
    ("gemiddeld", "middelen"),
    ("gestalte", "stallen"),
    ("woorden", "woren"),
    ("planten", "plannen"),
    ("lijsten", "lijsen"),
    ("feest", "fezen"),
    ("beleid", "leiden"),
    ("gebed", "bedden"),
    ("gezag", "zagen"),
    ("bericht", "richten"),
    ("bezit", "bezien"),
    ("reden", "rijden"),
    ("weken", "wijken"),
    ("week", "wijken"),
    ("greep", "grijpen"),
    ("leken", "lijken"),
    ("gave", "geven"),
    ("gevallen", "vallen"),
    ("gerechten", "rechten"),
];

fn stem(word: &str) -> String {
    analyze(word)
        .into_iter()
        .next()
        .map(|token| token.text)
        .unwrap_or_default()
}

#[test]
fn verb_forms_reach_their_infinitives_stem_and_look_alikes_keep_their_own() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for (infinitive, forms) in SAME_STEM {
        let expected = stem(infinitive);
        for form in *forms {
            checked += 1;
            let got = stem(form);
            if got != expected {
                failures.push(format!("{form} → {got}, not {infinitive}'s {expected}"));
            }
        }
    }
    for (word, other) in OWN_STEM {
        checked += 1;
        let (got, theirs) = (stem(word), stem(other));
        if got == theirs {
            failures.push(format!("{word} → {got}, the stem of {other}"));
        }
    }
    let right = checked - failures.len();
    println!(
        "{right} of {checked} forms right; wrong:\n{}",
        failures.join("\n")
    );
    assert!(checked >= 200, "only {checked} forms in the list");
    assert!(
        right * 100 >= checked * 98,
        "{right} of {checked} right; wrong:\n{}",
        failures.join("\n")
    );
}
