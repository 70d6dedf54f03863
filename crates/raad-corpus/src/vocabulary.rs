//! The words the generator writes with: per policy domain, and for the city as a whole.
//!
//! Sentences here may hold slots (`{place}`, `{n}`, `{unit}`, …) that
//! [`crate::text`] fills; a slot whose name starts with a capital is filled capitalised.
//! All of it is written by us for this generator; places and streets are real Ghent names,
//! people are not (see [`crate::council`]).

use crate::domain::Domain;

/// One subject a question can be about.
pub(crate) struct Theme {
    /// The subject as a title says it, lower case first (`fietspaden langs de invalswegen`).
    pub title: &'static str,
    /// The subject as a noun phrase in a sentence, with its article.
    pub np: &'static str,
    /// A plural noun to count things of the subject by (`{n} fietsplaatsen`).
    pub unit: &'static str,
}

const fn theme(title: &'static str, np: &'static str, unit: &'static str) -> Theme {
    Theme { title, np, unit }
}

/// Everything the generator can say about one domain.
pub(crate) struct DomainVocab {
    pub themes: &'static [Theme],
    /// Noun phrases for what is wrong (`sluipverkeer door woonstraten`).
    pub problems: &'static [&'static str],
    /// Noun phrases for what could be done, with an indefinite article where one fits.
    pub measures: &'static [&'static str],
    /// Organisations involved, with article where one fits.
    pub actors: &'static [&'static str],
    /// Policy documents, with article.
    pub plans: &'static [&'static str],
    /// City services, with article.
    pub services: &'static [&'static str],
    /// Context sentences only this domain uses.
    pub context: &'static [&'static str],
    /// Questions only this domain asks.
    pub questions: &'static [&'static str],
    /// Answer sentences only this domain gives.
    pub answers: &'static [&'static str],
}

/// The vocabulary of a domain.
pub(crate) fn vocabulary(domain: Domain) -> &'static DomainVocab {
    match domain {
        Domain::Mobiliteit => &MOBILITEIT,
        Domain::Wonen => &WONEN,
        Domain::Onderwijs => &ONDERWIJS,
        Domain::WelzijnZorg => &WELZIJN,
        Domain::WerkEconomie => &ECONOMIE,
        Domain::Cultuur => &CULTUUR,
        Domain::SportRecreatie => &SPORT,
        Domain::MilieuKlimaat => &MILIEU,
        Domain::Veiligheid => &VEILIGHEID,
        Domain::Financien => &FINANCIEN,
        Domain::Stadsontwikkeling => &STADSONTWIKKELING,
        Domain::PersoneelOrganisatie => &PERSONEEL,
        Domain::Samenleven => &SAMENLEVEN,
    }
}

static MOBILITEIT: DomainVocab = DomainVocab {
    themes: &[
        theme(
            "fietspaden langs de invalswegen",
            "de fietspaden langs de invalswegen",
            "meter nieuw fietspad",
        ),
        theme(
            "fietsenstallingen aan het station",
            "de fietsenstallingen aan het station",
            "fietsplaatsen",
        ),
        theme(
            "verkeersveiligheid aan schoolpoorten",
            "de verkeersveiligheid aan de schoolpoorten",
            "schoolstraten",
        ),
        theme("circulatieplan", "het circulatieplan", "wagens per dag"),
        theme(
            "bewonersparkeren",
            "het bewonersparkeren",
            "bewonerskaarten",
        ),
        theme(
            "busverbindingen van De Lijn",
            "de busverbindingen van De Lijn",
            "bushaltes",
        ),
        theme(
            "verlenging van de tramlijn",
            "de verlenging van de tramlijn",
            "reizigers per dag",
        ),
        theme(
            "snelheidsremmers in woonstraten",
            "de snelheidsremmers",
            "verkeersdrempels",
        ),
        theme(
            "deelmobiliteit",
            "het aanbod aan deelfietsen en deelauto's",
            "deelfietsen",
        ),
        theme(
            "uitbreiding van zone 30",
            "de uitbreiding van zone 30",
            "straten",
        ),
        theme(
            "laadpalen voor elektrische wagens",
            "de laadpalen",
            "laadpalen",
        ),
        theme(
            "wegenwerken en omleidingen",
            "de wegenwerken",
            "hinderdagen",
        ),
        theme("fietsstraten", "de fietsstraten", "fietsstraten"),
        theme(
            "verkeerslichten op de stadsring",
            "de verkeerslichten op de R40",
            "kruispunten",
        ),
        theme(
            "parkeergarages",
            "de bezetting van de parkeergarages",
            "parkeerplaatsen",
        ),
    ],
    problems: &[
        "sluipverkeer door woonstraten",
        "fout geparkeerde wagens op het fietspad",
        "gevaarlijke kruispunten",
        "lange wachttijden aan de verkeerslichten",
        "files op de stadsring",
        "te hoge snelheden",
        "overvolle bussen tijdens de spits",
        "putten in het wegdek",
        "vrachtwagens in smalle straten",
        "afgeschafte bushaltes",
    ],
    measures: &[
        "een bijkomende fietsstraat",
        "een knip in de straat",
        "een nieuwe fietsbrug",
        "een verkeersplateau aan het kruispunt",
        "slimme verkeerslichten",
        "een extra buslijn",
        "een bijkomende parkeergarage",
        "gescheiden fietspaden",
        "een tonnagebeperking voor vrachtverkeer",
        "een hogere frequentie van de tram",
    ],
    actors: &[
        "De Lijn",
        "het Mobiliteitsbedrijf",
        "de Fietsersbond",
        "het Agentschap Wegen en Verkeer",
        "de NMBS",
        "het Parkeerbedrijf",
    ],
    plans: &[
        "het Mobiliteitsplan",
        "het fietsbeleidsplan",
        "het parkeerplan",
        "de beleidsnota Mobiliteit",
    ],
    services: &[
        "het Mobiliteitsbedrijf",
        "de dienst Wegen, Bruggen en Waterlopen",
    ],
    context: &[
        "Fietsers moeten zich er tussen geparkeerde wagens en bussen wringen.",
        "Sinds de invoering van het circulatieplan is het verkeer in {place} sterk veranderd.",
        "Ouders vragen al lang een veiligere fietsroute naar school.",
        "Op het kruispunt aan de {street} gebeurden in {year} {small} ongevallen met fietsers.",
        "Pendelaars melden dat de fietsenstalling 's ochtends volzet is.",
        "De bus naar {place} rijdt 's avonds nog maar om het uur.",
    ],
    questions: &[
        "Hoeveel kilometer fietspad werd in {year} aangelegd of vernieuwd?",
        "Wanneer wordt het kruispunt aan de {street} heringericht?",
        "Hoeveel parkeerplaatsen verdwijnen door de heraanleg?",
        "Is er een verkeerstelling gebeurd in de {street}?",
    ],
    answers: &[
        "Het Mobiliteitsbedrijf telde op het kruispunt {n} fietsers per dag.",
        "De verkeerstellingen tonen een daling van het autoverkeer met {pct}.",
        "De herinrichting van de kruispunten is gepland in {season}.",
        "De Lijn verhoogt vanaf {later} de frequentie op de lijn naar {place}.",
        "In de {street} komt een fietsstraat met een snelheidsbeperking van 30 km/u.",
        "Er werden {n} bijkomende fietsparkeerplaatsen geplaatst.",
    ],
};

static WONEN: DomainVocab = DomainVocab {
    themes: &[
        theme(
            "sociale huurwoningen",
            "het aanbod aan sociale huurwoningen",
            "sociale huurwoningen",
        ),
        theme(
            "wachtlijsten voor een sociale woning",
            "de wachtlijsten voor een sociale woning",
            "kandidaat-huurders",
        ),
        theme(
            "leegstand van woningen",
            "de leegstand van woningen",
            "leegstaande woningen",
        ),
        theme(
            "conformiteitsattesten voor huurwoningen",
            "de conformiteitsattesten",
            "attesten",
        ),
        theme("renovatiepremies", "de renovatiepremies", "premiedossiers"),
        theme(
            "studentenhuisvesting",
            "de studentenhuisvesting",
            "studentenkamers",
        ),
        theme(
            "het Sociaal Verhuurkantoor",
            "de werking van het Sociaal Verhuurkantoor",
            "woningen",
        ),
        theme(
            "betaalbaar wonen voor jonge gezinnen",
            "het betaalbaar wonen",
            "koopwoningen",
        ),
        theme(
            "woonkwaliteit in private huurwoningen",
            "de woonkwaliteit",
            "ongeschikte woningen",
        ),
        theme(
            "tijdelijke woonunits",
            "de tijdelijke woonunits",
            "wooneenheden",
        ),
        theme("stijgende huurprijzen", "de huurprijzen", "huurcontracten"),
        theme(
            "wonen boven winkels",
            "het wonen boven winkels",
            "bovenverdiepingen",
        ),
    ],
    problems: &[
        "verkrotte huurwoningen",
        "huisjesmelkers die kamers verhuren zonder attest",
        "lange wachtlijsten bij de sociale huisvestingsmaatschappij",
        "stijgende huurprijzen",
        "vocht en schimmel in huurwoningen",
        "langdurige leegstand boven winkels",
        "discriminatie op de huurmarkt",
        "uithuiszettingen",
    ],
    measures: &[
        "een strengere controle op de woonkwaliteit",
        "een hogere leegstandsheffing",
        "bijkomende sociale huurwoningen",
        "een premie voor wonen boven winkels",
        "een conformiteitsattest voor alle kamers",
        "praktijktesten op de huurmarkt",
        "een uitbreiding van het Sociaal Verhuurkantoor",
        "een huurwaarborgfonds",
    ],
    actors: &[
        "de sociale huisvestingsmaatschappij",
        "het Sociaal Verhuurkantoor",
        "het Huurdersplatform",
        "Woonpunt",
        "de Vlaamse Maatschappij voor Sociaal Wonen",
    ],
    plans: &[
        "het woonbeleidsplan",
        "de beleidsnota Wonen",
        "het lokaal woonoverleg",
    ],
    services: &["de Dienst Wonen", "Woonpunt"],
    context: &[
        "Volgens het Huurdersplatform staan in {place} {n} gezinnen op de wachtlijst.",
        "Steeds meer gezinnen besteden meer dan de helft van hun inkomen aan huur.",
        "In de {street} staan al jaren woningen leeg.",
        "Huurders van kamers in {place} betalen tot {n} euro per maand.",
        "Een alleenstaande moeder wacht al {small} jaar op een sociale woning.",
    ],
    questions: &[
        "Hoeveel woningen werden in {year} ongeschikt of onbewoonbaar verklaard?",
        "Hoeveel sociale huurwoningen komen er tegen {later} bij?",
        "Hoeveel kandidaat-huurders staan vandaag op de wachtlijst?",
        "Hoeveel leegstaande woningen staan er op de inventaris?",
    ],
    answers: &[
        "In {year} werden {n} woningen ongeschikt of onbewoonbaar verklaard.",
        "De leegstandsheffing bracht in {year} {money} op.",
        "In {place} komen {small} nieuwe sociale huurwoningen.",
        "De gemiddelde wachttijd voor een sociale woning bedraagt {dec} jaar.",
        "Woonpunt begeleidde {n} eigenaars bij de renovatie van hun woning.",
    ],
};

static ONDERWIJS: DomainVocab = DomainVocab {
    themes: &[
        theme(
            "capaciteit in het basisonderwijs",
            "de capaciteit in het basisonderwijs",
            "leerlingenplaatsen",
        ),
        theme(
            "centraal aanmeldingssysteem voor scholen",
            "het centrale aanmeldingssysteem",
            "aanmeldingen",
        ),
        theme(
            "wachtlijsten kinderopvang",
            "de wachtlijsten in de kinderopvang",
            "opvangplaatsen",
        ),
        theme(
            "buitenschoolse kinderopvang",
            "de buitenschoolse kinderopvang",
            "kinderen",
        ),
        theme(
            "renovatie van schoolgebouwen",
            "de renovatie van de schoolgebouwen",
            "klaslokalen",
        ),
        theme(
            "vroegtijdig schoolverlaten",
            "het vroegtijdig schoolverlaten",
            "jongeren zonder diploma",
        ),
        theme("spijbelen", "de aanpak van spijbelen", "spijbelaars"),
        theme("jeugdlokalen", "de jeugdlokalen", "jeugdverenigingen"),
        theme("speelpleinwerking", "de speelpleinwerking", "speelpleinen"),
        theme(
            "stedelijk onderwijs",
            "het stedelijk onderwijs",
            "leerkrachten",
        ),
        theme(
            "gezonde schoolmaaltijden",
            "de schoolmaaltijden",
            "maaltijden",
        ),
        theme(
            "taalachterstand bij kleuters",
            "de taalachterstand bij kleuters",
            "kleuters",
        ),
    ],
    problems: &[
        "een tekort aan plaatsen in de kleuterklassen",
        "lange wachtlijsten in de kinderdagverblijven",
        "een tekort aan leerkrachten",
        "verouderde schoolgebouwen met asbest",
        "ouders die geen school vinden in hun buurt",
        "kinderen die zonder ontbijt naar school komen",
        "te weinig begeleiders in de opvang",
    ],
    measures: &[
        "bijkomende plaatsen in de kinderopvang",
        "containerklassen als tijdelijke oplossing",
        "een nieuwe basisschool",
        "extra brugfiguren op school",
        "een gratis middagmaal in het kleuteronderwijs",
        "een uitbreiding van de buitenschoolse opvang",
        "een campagne tegen spijbelen",
    ],
    actors: &[
        "het Lokaal Loket Kinderopvang",
        "het Onderwijscentrum",
        "Kind en Gezin",
        "het Lokaal Overlegplatform",
        "de ouderverenigingen",
        "het Agentschap voor Onderwijsdiensten",
    ],
    plans: &[
        "het capaciteitsplan onderwijs",
        "de beleidsnota Onderwijs en Opvoeding",
        "het plan Kinderopvang",
    ],
    services: &[
        "het Departement Onderwijs, Opvoeding en Jeugd",
        "de Jeugddienst",
        "het Onderwijscentrum",
    ],
    context: &[
        "Ouders in {place} vinden moeilijk een plaats in de kinderopvang.",
        "Het Lokaal Loket Kinderopvang registreerde in {year} meer aanvragen dan ooit.",
        "Bij de aanmeldingen voor het schooljaar {schoolyear} bleven {n} kinderen zonder school.",
        "Leerkrachten van een basisschool in {place} geven les in containerklassen.",
        "Jeugdbewegingen in {place} zoeken al jaren een nieuw lokaal.",
    ],
    questions: &[
        "Hoeveel kinderen vonden geen plaats in een school naar keuze?",
        "Hoeveel bijkomende opvangplaatsen komen er in {later}?",
        "Hoeveel leerlingen verlieten in {year} de school zonder diploma?",
    ],
    answers: &[
        "Voor het schooljaar {schoolyear} werden {n} kinderen aangemeld.",
        "We voorzien {n} bijkomende plaatsen in de kinderopvang, waarvan {small} in {place}.",
        "Het Onderwijscentrum begeleidt {small} scholen in {place}.",
        "De nieuwe basisschool in {place} biedt plaats aan {n} leerlingen.",
        "De speelpleinwerking ontving deze zomer {n} kinderen.",
    ],
};

static WELZIJN: DomainVocab = DomainVocab {
    themes: &[
        theme(
            "wijkgezondheidscentra",
            "de wijkgezondheidscentra",
            "patiënten",
        ),
        theme(
            "winteropvang voor daklozen",
            "de winteropvang voor daklozen",
            "bedden",
        ),
        theme(
            "armoedebestrijding",
            "het armoedebeleid",
            "gezinnen in armoede",
        ),
        theme("leefloon", "het leefloon", "leefloners"),
        theme("woonzorgcentra", "de woonzorgcentra", "bewoners"),
        theme(
            "mantelzorg",
            "de ondersteuning van mantelzorgers",
            "mantelzorgers",
        ),
        theme(
            "eenzaamheid bij ouderen",
            "de eenzaamheid bij ouderen",
            "senioren",
        ),
        theme(
            "geestelijke gezondheidszorg",
            "de geestelijke gezondheidszorg",
            "wachtenden",
        ),
        theme(
            "sociale restaurants",
            "de sociale restaurants",
            "maaltijden",
        ),
        theme("schuldhulpverlening", "de schuldhulpverlening", "dossiers"),
        theme("drughulpverlening", "de drughulpverlening", "cliënten"),
        theme(
            "lokale dienstencentra",
            "de lokale dienstencentra",
            "bezoekers",
        ),
    ],
    problems: &[
        "lange wachttijden bij de huisartsen",
        "een tekort aan bedden in de nachtopvang",
        "vereenzaming van alleenstaande ouderen",
        "stijgende dagprijzen in de woonzorgcentra",
        "een toename van het aantal daklozen",
        "wachtlijsten in de geestelijke gezondheidszorg",
        "kinderarmoede",
        "niet-gebruik van sociale rechten",
    ],
    measures: &[
        "een bijkomend wijkgezondheidscentrum",
        "een uitbreiding van de nachtopvang",
        "een automatische toekenning van sociale rechten",
        "extra buurtgerichte zorg",
        "een sociaal tarief in de woonzorgcentra",
        "een mantelzorgpremie",
        "een uitbreiding van de thuiszorg",
    ],
    actors: &[
        "het OCMW",
        "de huisartsenkring",
        "het CAW",
        "het Zorgbedrijf",
        "het Netwerk tegen Armoede",
    ],
    plans: &[
        "het lokaal sociaal beleidsplan",
        "de beleidsnota Welzijn en Gezondheid",
        "het armoedebestrijdingsplan",
        "het ouderenbeleidsplan",
    ],
    services: &["het OCMW", "de sociale dienst", "het Zorgbedrijf"],
    context: &[
        "Het aantal leefloners in {place} steeg in {year} met {pct}.",
        "Hulpverleners waarschuwen voor {problem}.",
        "Het OCMW wil de zorg dichter bij de mensen brengen.",
        "In de nachtopvang moesten deze winter {n} mensen geweigerd worden.",
        "Senioren in {place} wachten maanden op een plaats in een woonzorgcentrum.",
    ],
    questions: &[
        "Hoeveel mensen deden in {year} een beroep op de nachtopvang?",
        "Hoeveel gezinnen ontvangen vandaag een leefloon?",
        "Hoeveel senioren staan op de wachtlijst van de woonzorgcentra?",
    ],
    answers: &[
        "Het OCMW ondersteunde in {year} {n} gezinnen met een leefloon.",
        "De nachtopvang telde in {year} {n} overnachtingen.",
        "De wijkgezondheidscentra in {place} volgen {n} patiënten op.",
        "Het sociaal restaurant in {place} serveerde {n} maaltijden.",
        "De schuldhulpverlening opende {n} nieuwe dossiers.",
    ],
};

static ECONOMIE: DomainVocab = DomainVocab {
    themes: &[
        theme(
            "sociale economie",
            "de sociale economie",
            "maatwerkbedrijven",
        ),
        theme(
            "leegstaande winkelpanden",
            "de leegstand van handelspanden",
            "handelspanden",
        ),
        theme(
            "activering van werkzoekenden",
            "de activering van werkzoekenden",
            "werkzoekenden",
        ),
        theme(
            "jongerenwerkloosheid",
            "de jongerenwerkloosheid",
            "jongeren zonder werk",
        ),
        theme(
            "wijkeconomie en buurtwinkels",
            "de wijkeconomie",
            "buurtwinkels",
        ),
        theme("markten", "de wekelijkse markten", "marktkramers"),
        theme(
            "startende ondernemers",
            "de ondersteuning van starters",
            "starters",
        ),
        theme(
            "tewerkstelling in de haven",
            "de tewerkstelling in de haven",
            "jobs",
        ),
        theme("terrassen", "de terrasvergunningen", "terrassen"),
        theme("koopzondagen", "de koopzondagen", "handelaars"),
        theme(
            "artikel 60-tewerkstelling",
            "de artikel 60-tewerkstelling",
            "werknemers",
        ),
        theme("bedrijventerreinen", "de bedrijventerreinen", "hectare"),
    ],
    problems: &[
        "een stijgende werkloosheid bij jongeren",
        "leegstand in de winkelstraten",
        "handelaars die klagen over omzetverlies",
        "een tekort aan technisch geschoolde werknemers",
        "discriminatie bij aanwerving",
        "lange wachttijden voor een opleiding",
        "het verdwijnen van buurtwinkels",
    ],
    measures: &[
        "een bedrijvenoverleg",
        "een leegstandsbeheerder voor handelspanden",
        "een startersloket voor ondernemers",
        "extra werkervaringsplaatsen",
        "een lokaal werkgelegenheidsplan",
        "een premie voor nieuwe handelszaken",
        "een jobbeurs",
    ],
    actors: &[
        "de VDAB",
        "Unizo",
        "Voka",
        "North Sea Port",
        "de handelaarsverenigingen",
    ],
    plans: &[
        "de beleidsnota Werk en Activering",
        "het economisch beleidsplan",
        "het detailhandelsplan",
    ],
    services: &[
        "de Dienst Economie",
        "de Dienst Werk",
        "het Ondernemerscentrum",
    ],
    context: &[
        "Handelaars in de {street} zien hun omzet dalen.",
        "De werkloosheidsgraad in {place} ligt op {dec} procent.",
        "Het stadsbestuur engageert zich om meer mensen aan het werk te helpen.",
        "Sinds {year} sloten in de {street} {small} winkels de deuren.",
        "Maatwerkbedrijven zoeken opdrachten bij de stad.",
    ],
    questions: &[
        "Hoeveel werkzoekenden werden in {year} begeleid naar een job?",
        "Hoeveel handelspanden staan vandaag leeg in de {street}?",
        "Welke opdrachten gunt de stad aan de sociale economie?",
    ],
    answers: &[
        "In {year} vonden {n} werkzoekenden via het traject een job.",
        "De Dienst Economie telde in {year} {n} leegstaande handelspanden.",
        "Het bedrijvenoverleg kwam in {year} {small} keer samen.",
        "Via overheidsopdrachten ging {money} naar de sociale economie.",
        "Het Ondernemerscentrum begeleidde {n} starters.",
    ],
};

static CULTUUR: DomainVocab = DomainVocab {
    themes: &[
        theme("stadsmusea", "de stadsmusea", "bezoekers"),
        theme(
            "openbare bibliotheek",
            "de openbare bibliotheek",
            "uitleningen",
        ),
        theme("Gentse Feesten", "de Gentse Feesten", "feestvierders"),
        theme("beschermd erfgoed", "het beschermd erfgoed", "monumenten"),
        theme(
            "ateliers voor kunstenaars",
            "de ateliers voor kunstenaars",
            "ateliers",
        ),
        theme("cultuursubsidies", "de cultuursubsidies", "projecten"),
        theme("muziekacademie", "de muziekacademie", "leerlingen"),
        theme(
            "kunst in de openbare ruimte",
            "de kunst in de openbare ruimte",
            "kunstwerken",
        ),
        theme("filmfestival", "het filmfestival", "voorstellingen"),
        theme(
            "cultuurcentra in de deelgemeenten",
            "de cultuurcentra",
            "voorstellingen",
        ),
        theme("stadsarchief", "het stadsarchief", "archiefstukken"),
        theme("UiTPAS", "de UiTPAS", "pashouders"),
    ],
    problems: &[
        "dalende bezoekersaantallen",
        "een gebrek aan repetitieruimte voor jonge muzikanten",
        "de verkrotting van beschermde monumenten",
        "lange wachttijden voor een cultuursubsidie",
        "te weinig cultureel aanbod in de deelgemeenten",
        "de hoge ticketprijzen",
    ],
    measures: &[
        "een gratis museumdag",
        "een nieuw cultuurcentrum",
        "extra repetitieruimtes",
        "een kortingstarief met de UiTPAS",
        "de restauratie van het monument",
        "een nieuw reglement voor cultuursubsidies",
    ],
    actors: &[
        "het Museum voor Schone Kunsten",
        "het STAM",
        "de Opera",
        "het Agentschap Onroerend Erfgoed",
        "de kunstensector",
    ],
    plans: &[
        "de beleidsnota Cultuur",
        "het cultuurbeleidsplan",
        "het erfgoedconvenant",
    ],
    services: &[
        "de Dienst Cultuur",
        "de Bibliotheek",
        "de dienst Feesten en Evenementen",
    ],
    context: &[
        "Kunstenaars in {place} zoeken al jaren betaalbare ateliers.",
        "De musea ontvingen in {year} {n} bezoekers.",
        "Het monument aan de {street} verkeert in slechte staat.",
        "Theatergezelschappen vrezen voor hun werkingsmiddelen.",
    ],
    questions: &[
        "Hoeveel bezoekers trokken de stadsmusea in {year}?",
        "Welke culturele projecten krijgen steun in {later}?",
        "Wanneer start de restauratie?",
    ],
    answers: &[
        "De stadsmusea telden in {year} samen {n} bezoekers.",
        "De bibliotheek registreerde {n} uitleningen.",
        "Voor {later} kregen {small} projecten een cultuursubsidie.",
        "De Gentse Feesten lokten {n} bezoekers naar de binnenstad.",
        "De restauratie van het beschermde pand start in {season}.",
    ],
};

static SPORT: DomainVocab = DomainVocab {
    themes: &[
        theme(
            "stedelijke zwembaden",
            "de stedelijke zwembaden",
            "zwembeurten",
        ),
        theme("sporthallen", "de sporthallen", "uren zaalhuur"),
        theme(
            "ondersteuning van sportclubs",
            "de ondersteuning van sportclubs",
            "sportclubs",
        ),
        theme("kunstgrasvelden", "de kunstgrasvelden", "velden"),
        theme("speelterreinen", "de speelterreinen", "speeltuigen"),
        theme("Watersportbaan", "de Watersportbaan", "roeiers"),
        theme("skatepark", "het skatepark", "skaters"),
        theme("sportkampen in de vakantie", "de sportkampen", "deelnemers"),
        theme("loopwedstrijden", "de loopwedstrijden", "lopers"),
        theme(
            "fitnesstoestellen in parken",
            "de fitnesstoestellen in de parken",
            "toestellen",
        ),
        theme("sportcheques", "de sportcheques", "sportcheques"),
        theme("zwemlessen", "de zwemlessen", "zwemlessen"),
    ],
    problems: &[
        "een tekort aan zwemwater voor scholen en clubs",
        "overvolle sporthallen",
        "verouderde kleedkamers",
        "lange wachtlijsten voor zwemlessen",
        "vandalisme op de speelterreinen",
        "stijgende lidgelden",
    ],
    measures: &[
        "een nieuw sportcentrum",
        "een nieuw zwembad",
        "een renovatie van de kleedkamers",
        "extra kunstgrasvelden",
        "sportcheques voor kinderen uit kwetsbare gezinnen",
        "langere openingsuren van de zwembaden",
    ],
    actors: &[
        "de sportraad",
        "Sport Vlaanderen",
        "de voetbalclubs",
        "de zwemclubs",
    ],
    plans: &[
        "het sportbeleidsplan",
        "de beleidsnota Sport",
        "het masterplan sportinfrastructuur",
    ],
    services: &["de Sportdienst", "het Sportbedrijf"],
    context: &[
        "Sportclubs in {place} vinden geen trainingsuren meer.",
        "Het zwembad in {place} was in {year} {small} weken gesloten voor herstellingen.",
        "Meer dan {n} kinderen staan op een wachtlijst voor zwemles.",
        "De kleedkamers van het voetbalveld in {place} zijn aan vernieuwing toe.",
    ],
    questions: &[
        "Hoeveel uren zwemwater krijgen de clubs?",
        "Wanneer opent het nieuwe zwembad?",
        "Hoeveel sportclubs kregen in {year} een werkingssubsidie?",
    ],
    answers: &[
        "De stedelijke zwembaden telden in {year} {n} zwembeurten.",
        "De Sportdienst verdeelde {n} sportcheques.",
        "In {year} kregen {small} sportclubs een werkingssubsidie.",
        "Het nieuwe sportcentrum in {place} opent in {season}.",
        "De sporthallen zijn op weekavonden voor {pct} bezet.",
    ],
};

static MILIEU: DomainVocab = DomainVocab {
    themes: &[
        theme("klimaatplan", "het klimaatplan", "ton CO2"),
        theme("luchtkwaliteit", "de luchtkwaliteit", "meetpunten"),
        theme(
            "lage-emissiezone",
            "de lage-emissiezone",
            "vervuilende wagens",
        ),
        theme(
            "sluikstorten en zwerfvuil",
            "het sluikstorten",
            "sluikstorten",
        ),
        theme("afvalophaling", "de afvalophaling", "containers"),
        theme(
            "zonnepanelen op stadsgebouwen",
            "de zonnepanelen op stadsgebouwen",
            "zonnepanelen",
        ),
        theme("bomen in de stad", "het bomenbestand", "bomen"),
        theme("parken en groenzones", "de parken", "hectare groen"),
        theme("geluidshinder", "de geluidshinder", "klachten"),
        theme("wateroverlast", "de wateroverlast", "riolen"),
        theme(
            "bodemverontreiniging",
            "de bodemverontreiniging",
            "percelen",
        ),
        theme("stadslandbouw", "de stadslandbouw", "moestuinen"),
        theme("warmtenet", "het warmtenet", "aansluitingen"),
    ],
    problems: &[
        "fijnstof en stikstofdioxide",
        "sluikstorten aan de glasbollen",
        "het kappen van gezonde bomen",
        "wateroverlast bij zware regenval",
        "hittestress in dichtbebouwde wijken",
        "zwerfvuil in de parken",
        "geurhinder van bedrijven",
    ],
    measures: &[
        "een nieuwe meetcampagne",
        "een ontharding van pleinen",
        "duizend nieuwe bomen",
        "een premie voor isolatie",
        "een uitbreiding van het warmtenet",
        "een gescheiden ophaling van gft",
        "een nieuw park",
    ],
    actors: &[
        "Ivago",
        "de Vlaamse Milieumaatschappij",
        "Farys",
        "de Milieuraad",
        "Fluvius",
    ],
    plans: &[
        "het klimaatplan",
        "de beleidsnota Milieu en Klimaat",
        "het groenstructuurplan",
        "de klimaatadaptatiestrategie",
    ],
    services: &[
        "de Milieudienst",
        "de Groendienst",
        "de Dienst Milieu en Klimaat",
    ],
    context: &[
        "De meetcampagne van {year} toonde hoge waarden aan fijnstof in de {street}.",
        "In {place} stonden na het onweer van {date} kelders onder water.",
        "Ivago haalde in {year} {n} ton restafval op.",
        "Buurtbewoners in {place} zien hoe gezonde bomen gekapt worden.",
        "De uitstoot van broeikasgassen moet tegen 2030 met 40 procent dalen.",
    ],
    questions: &[
        "Hoeveel bomen werden in {year} gekapt en hoeveel nieuwe aangeplant?",
        "Wat zijn de resultaten van de meetcampagne naar fijnstof en stikstofdioxide?",
        "Hoeveel stadsgebouwen hebben vandaag zonnepanelen?",
    ],
    answers: &[
        "In {year} plantten we {n} nieuwe bomen aan.",
        "De CO2-uitstoot van de stad daalde met {pct} tegenover {year}.",
        "Ivago stelde in {year} {n} gevallen van sluikstorten vast.",
        "De gemiddelde concentratie stikstofdioxide bedroeg {small} microgram per kubieke meter.",
        "Het warmtenet in {place} telt {n} aansluitingen.",
    ],
};

static VEILIGHEID: DomainVocab = DomainVocab {
    themes: &[
        theme("drugsoverlast", "de drugsoverlast", "meldingen"),
        theme("woninginbraken", "de woninginbraken", "inbraken"),
        theme("cameratoezicht", "het cameratoezicht", "camera's"),
        theme(
            "GAS-boetes",
            "de gemeentelijke administratieve sancties",
            "GAS-boetes",
        ),
        theme(
            "nachtelijke overlast",
            "de nachtelijke overlast",
            "klachten",
        ),
        theme(
            "interventietijden van de brandweer",
            "de interventietijden van de brandweer",
            "interventies",
        ),
        theme(
            "wijkagenten",
            "de bereikbaarheid van de wijkagenten",
            "wijkagenten",
        ),
        theme("fietsdiefstal", "de fietsdiefstallen", "gestolen fietsen"),
        theme(
            "jeugdcriminaliteit",
            "de jeugdcriminaliteit",
            "minderjarigen",
        ),
        theme("politiecapaciteit", "de politiecapaciteit", "agenten"),
        theme(
            "vuurwerk op oudejaarsavond",
            "het vuurwerk op oudejaarsavond",
            "incidenten",
        ),
        theme("prostitutie", "de controles op prostitutie", "controles"),
    ],
    problems: &[
        "drugsdealers op het plein",
        "een toename van het aantal inbraken",
        "intimidatie van voorbijgangers",
        "geweld tegen hulpverleners",
        "lange aanrijtijden van de brandweer",
        "nachtlawaai na sluitingstijd",
        "vandalisme aan geparkeerde auto's",
    ],
    measures: &[
        "extra patrouilles",
        "bijkomende camera's",
        "een samenscholingsverbod",
        "een sluitingsuur voor nachtwinkels",
        "meer wijkagenten op straat",
        "een nieuwe brandweerpost",
        "een bestuurlijke aanpak van criminaliteit",
    ],
    actors: &[
        "de politiezone",
        "de brandweerzone",
        "het parket",
        "de gemeenschapswachten",
        "de korpschef",
    ],
    plans: &[
        "het zonaal veiligheidsplan",
        "de beleidsnota Veiligheid",
        "het drugsplan",
    ],
    services: &[
        "de politie",
        "de Dienst Preventie voor Veiligheid",
        "de brandweer",
    ],
    context: &[
        "Buurtbewoners van {place} klagen over {problem}.",
        "Volgens de politie waren er in {year} {n} meldingen van overlast.",
        "Vorige week werd een jongere aangevallen in de {street}.",
        "Bewoners durven 's avonds niet meer over het plein te lopen.",
    ],
    questions: &[
        "Hoeveel GAS-boetes werden in {year} uitgeschreven?",
        "Hoeveel inbraken registreerde de politie in {place}?",
        "Hoeveel agenten zijn er dagelijks in {place} op patrouille?",
    ],
    answers: &[
        "De politie registreerde in {year} {n} woninginbraken, een daling van {pct}.",
        "In {year} werden {n} GAS-boetes opgelegd.",
        "De gemeenschapswachten patrouilleren dagelijks in {place}.",
        "De brandweer kwam in {year} {n} keer tussenbeide.",
        "De camera's op het plein leverden {small} processen-verbaal op.",
    ],
};

static FINANCIEN: DomainVocab = DomainVocab {
    themes: &[
        theme(
            "meerjarenplan",
            "het meerjarenplan",
            "investeringsprojecten",
        ),
        theme("schuld van de stad", "de schuld van de stad", "leningen"),
        theme(
            "aanvullende personenbelasting",
            "de aanvullende personenbelasting",
            "belastingplichtigen",
        ),
        theme(
            "opcentiemen op de onroerende voorheffing",
            "de opcentiemen",
            "opcentiemen",
        ),
        theme("budgetwijziging", "de budgetwijziging", "budgetlijnen"),
        theme(
            "subsidies aan verenigingen",
            "de subsidies aan verenigingen",
            "subsidiedossiers",
        ),
        theme(
            "belasting op tweede verblijven",
            "de belasting op tweede verblijven",
            "aanslagen",
        ),
        theme("jaarrekening", "de jaarrekening", "posten"),
        theme("rentelasten", "de rentelasten", "leningen"),
        theme(
            "dividenden van de intercommunales",
            "de dividenden",
            "aandelen",
        ),
        theme(
            "stedelijke belastingreglementen",
            "de belastingreglementen",
            "reglementen",
        ),
    ],
    problems: &[
        "een oplopende schuldgraad",
        "een tekort in de exploitatiebegroting",
        "stijgende pensioenlasten",
        "hogere energiefacturen voor stadsgebouwen",
        "een onderbenutting van de investeringsbudgetten",
        "dalende dividenden",
    ],
    measures: &[
        "een besparingsronde",
        "een verhoging van de opcentiemen",
        "een doorlichting van de uitgaven",
        "een nieuwe lening",
        "een doorlichting van alle subsidies",
        "een belastingverlaging voor gezinnen",
    ],
    actors: &[
        "de financieel directeur",
        "Audit Vlaanderen",
        "de Vlaamse overheid",
        "de banken",
    ],
    plans: &["het meerjarenplan", "de budgetwijziging", "de jaarrekening"],
    services: &["de Dienst Financiën", "het Departement Financiën"],
    context: &[
        "Bij de laatste budgetwijziging werd {money} extra vrijgemaakt.",
        "De schuld per inwoner steeg tot {n} euro.",
        "De pensioenlasten wegen steeds zwaarder op de begroting.",
        "De rentevoeten stegen het voorbije jaar fors.",
    ],
    questions: &[
        "Hoe evolueert de schuldgraad tot {later}?",
        "Welke besparingen staan er in de begroting?",
        "Hoeveel bracht de belasting in {year} op?",
    ],
    answers: &[
        "De jaarrekening {year} sluit af met een overschot van {money}.",
        "De investeringen bedragen {money} over de hele planperiode.",
        "De aanvullende personenbelasting blijft op {dec} procent.",
        "De autofinancieringsmarge is positief en bedraagt {money}.",
        "De schuld daalt volgens de planning tot {money} in {later}.",
    ],
};

static STADSONTWIKKELING: DomainVocab = DomainVocab {
    themes: &[
        theme(
            "stadsvernieuwingsproject",
            "het stadsvernieuwingsproject",
            "wooneenheden",
        ),
        theme(
            "omgevingsvergunningen",
            "de omgevingsvergunningen",
            "vergunningsaanvragen",
        ),
        theme(
            "ruimtelijk structuurplan",
            "het ruimtelijk structuurplan",
            "hectare",
        ),
        theme(
            "heraanleg van het plein",
            "de heraanleg van het plein",
            "vierkante meter",
        ),
        theme("hoogbouw", "het hoogbouwbeleid", "torens"),
        theme(
            "ruimtelijk uitvoeringsplan",
            "het ruimtelijk uitvoeringsplan",
            "percelen",
        ),
        theme("bouwshift", "de bouwshift", "bouwprojecten"),
        theme(
            "herbestemming van een oude industriesite",
            "de herbestemming van de industriesite",
            "vierkante meter",
        ),
        theme("nieuwe verkaveling", "de nieuwe verkaveling", "kavels"),
        theme(
            "ontwerpwedstrijd voor de publieke ruimte",
            "de ontwerpwedstrijd",
            "ontwerpen",
        ),
        theme(
            "bouwovertredingen",
            "de aanpak van bouwovertredingen",
            "overtredingen",
        ),
        theme(
            "adviezen van de stadsbouwmeester",
            "de adviezen van de stadsbouwmeester",
            "adviezen",
        ),
    ],
    problems: &[
        "een appartementsblok dat de buurt overschaduwt",
        "bezwaren van buurtbewoners tegen het bouwproject",
        "vertragingen in het stadsproject",
        "verdichting in de binnengebieden",
        "een verouderd bestemmingsplan",
        "lange doorlooptijden van vergunningsaanvragen",
    ],
    measures: &[
        "een nieuw ruimtelijk uitvoeringsplan",
        "een bouwstop in de binnengebieden",
        "een masterplan voor de site",
        "een ontwerpwedstrijd voor het plein",
        "een kwaliteitskamer voor grote projecten",
        "een stedenbouwkundige verordening",
    ],
    actors: &[
        "het stadsontwikkelingsbedrijf",
        "de stadsbouwmeester",
        "de projectontwikkelaar",
        "de Vlaamse Bouwmeester",
        "de Deputatie",
    ],
    plans: &[
        "het Ruimtelijk Structuurplan",
        "het Ruimtelijk Uitvoeringsplan",
        "het masterplan",
        "de beleidsnota Ruimte",
    ],
    services: &[
        "de Dienst Stedenbouw en Ruimtelijke Planning",
        "de Dienst Omgevingsvergunningen",
        "het stadsontwikkelingsbedrijf",
    ],
    context: &[
        "Op de site aan de {street} plant een ontwikkelaar {n} appartementen.",
        "Tegen de vergunning werden {n} bezwaarschriften ingediend.",
        "Het stadsproject in {place} loopt al {small} jaar vertraging op.",
        "De Deputatie vernietigde de vergunning in beroep.",
    ],
    questions: &[
        "Hoeveel omgevingsvergunningen werden in {year} verleend?",
        "Wanneer starten de werken op de site?",
        "Welke bouwhoogte laat het plan toe?",
    ],
    answers: &[
        "In {year} behandelde de dienst {n} aanvragen voor een omgevingsvergunning.",
        "De herbestemming van de site omvat {n} vierkante meter.",
        "De werken starten in {season}.",
        "Het ontwerp van het ruimtelijk uitvoeringsplan ligt ter inzage tot {date}.",
        "De kwaliteitskamer gaf {small} adviezen over het project.",
    ],
};

static PERSONEEL: DomainVocab = DomainVocab {
    themes: &[
        theme(
            "ziekteverzuim bij het stadspersoneel",
            "het ziekteverzuim",
            "ziektedagen",
        ),
        theme(
            "statutaire benoemingen",
            "de statutaire benoemingen",
            "personeelsleden",
        ),
        theme("telewerk bij de stad", "het telewerk", "medewerkers"),
        theme("digitale loketten", "de digitale loketten", "e-loketten"),
        theme(
            "wachttijden aan de loketten",
            "de wachttijden aan de loketten",
            "afspraken",
        ),
        theme(
            "diversiteit bij het stadspersoneel",
            "de diversiteit in het personeelsbestand",
            "aanwervingen",
        ),
        theme("vacatures bij de stad", "de vacatures", "vacatures"),
        theme(
            "externe consultants",
            "de inzet van externe consultants",
            "consultancyopdrachten",
        ),
        theme(
            "huisvesting van de stadsdiensten",
            "de huisvesting van de stadsdiensten",
            "werkplekken",
        ),
        theme("klachtenbehandeling", "de klachtenbehandeling", "klachten"),
        theme("ICT-systemen", "de ICT-systemen", "applicaties"),
    ],
    problems: &[
        "een hoog ziekteverzuim",
        "lange wachttijden aan de loketten",
        "vacatures die lang openstaan",
        "een hoge werkdruk bij de medewerkers",
        "storingen in de digitale loketten",
        "dure consultancyopdrachten",
    ],
    measures: &[
        "een nieuw verzuimbeleid",
        "werken op afspraak aan de loketten",
        "een digitaal loket voor alle attesten",
        "een nieuw loopbaanbeleid",
        "extra aanwervingen",
        "een interne mobiliteitscel",
    ],
    actors: &[
        "Digipolis",
        "de vakbonden",
        "de ombudsvrouw",
        "het managementteam",
    ],
    plans: &[
        "het personeelsplan",
        "het HR-beleidsplan",
        "de beleidsnota Personeel en Organisatie",
    ],
    services: &["de Dienst HR", "Digipolis", "de Dienst Klantenmanagement"],
    context: &[
        "Burgers wachten soms {small} weken op een afspraak aan het loket.",
        "Het ziekteverzuim bij het stadspersoneel bedroeg in {year} {dec} procent.",
        "De vakbonden klagen over de werkdruk.",
        "Het e-loket lag in {year} verschillende dagen plat.",
    ],
    questions: &[
        "Hoeveel personeelsleden telt de stad vandaag?",
        "Hoeveel vacatures staan er open?",
        "Hoeveel kostten de consultancyopdrachten in {year}?",
    ],
    answers: &[
        "De stad telde op 31 december {year} {n} personeelsleden.",
        "Het ziekteverzuim daalde naar {dec} procent.",
        "Digipolis rolde in {year} {small} nieuwe e-loketten uit.",
        "De ombudsvrouw behandelde {n} klachten.",
        "Er werden in {year} {n} medewerkers aangeworven.",
    ],
};

static SAMENLEVEN: DomainVocab = DomainVocab {
    themes: &[
        theme(
            "inburgering van nieuwkomers",
            "de inburgering",
            "nieuwkomers",
        ),
        theme("buurtparticipatie", "de buurtparticipatie", "buurtbewoners"),
        theme("wijkbudgetten", "de wijkbudgetten", "buurtprojecten"),
        theme(
            "aanpak van discriminatie",
            "de aanpak van discriminatie",
            "meldingen",
        ),
        theme(
            "intra-Europese migratie",
            "de intra-Europese migratie",
            "migranten",
        ),
        theme("gelijkekansenbeleid", "het gelijkekansenbeleid", "acties"),
        theme("buurtcentra", "de buurtcentra", "bezoekers"),
        theme(
            "vrijwilligerswerk",
            "het vrijwilligerswerk",
            "vrijwilligers",
        ),
        theme(
            "lessen Nederlands voor anderstaligen",
            "de lessen Nederlands voor anderstaligen",
            "cursisten",
        ),
        theme(
            "holebi- en transgenderbeleid",
            "het holebi- en transgenderbeleid",
            "activiteiten",
        ),
        theme("burgerbegroting", "de burgerbegroting", "voorstellen"),
        theme(
            "toegankelijkheid voor personen met een beperking",
            "de toegankelijkheid",
            "drempels",
        ),
    ],
    problems: &[
        "spanningen tussen buurtbewoners",
        "een gebrek aan ontmoetingsplaatsen",
        "lange wachtlijsten voor lessen Nederlands",
        "weinig inspraak van bewoners",
        "racisme en discriminatie",
        "gebouwen die niet toegankelijk zijn voor rolstoelgebruikers",
    ],
    measures: &[
        "een wijkbudget per deelgemeente",
        "een nieuw buurtcentrum",
        "een meldpunt discriminatie",
        "extra trajectbegeleiders voor nieuwkomers",
        "een bewonersbevraging",
        "een adviesraad van bewoners",
    ],
    actors: &[
        "het Agentschap Integratie en Inburgering",
        "de wijkregisseur",
        "Unia",
        "de vrijwilligersorganisaties",
        "de adviesraad",
    ],
    plans: &[
        "het diversiteitsplan",
        "de beleidsnota Samenleven",
        "het participatiereglement",
    ],
    services: &[
        "de Dienst Buurtwerk",
        "de wijkregie",
        "het Huis van het Nederlands",
    ],
    context: &[
        "Bewoners van {place} willen meer inspraak in de plannen voor hun buurt.",
        "Het Huis van het Nederlands meldt {n} mensen op de wachtlijst.",
        "Unia ontving in {year} {n} meldingen over onze stad.",
        "Nieuwkomers wachten maanden op een inburgeringstraject.",
    ],
    questions: &[
        "Hoeveel nieuwkomers volgden in {year} een inburgeringstraject?",
        "Hoe worden bewoners betrokken?",
        "Hoeveel voorstellen van de burgerbegroting werden uitgevoerd?",
    ],
    answers: &[
        "In {year} startten {n} nieuwkomers een inburgeringstraject.",
        "Via de wijkbudgetten kregen {small} buurtprojecten steun.",
        "De wijkregisseur organiseerde {small} bewonersvergaderingen in {place}.",
        "Het meldpunt discriminatie ontving {n} meldingen.",
    ],
};

/// Context sentences any domain can use; the slots give them their domain.
pub(crate) const GENERIC_CONTEXT: &[&str] = &[
    "Bewoners van {place} melden {problem}.",
    "In {plan} staat dat het stadsbestuur werk maakt van {measure}.",
    "Volgens cijfers van {actor} waren er in {year} {n} {unit}.",
    "Tijdens de {committee} van {date} werd al over {np} gesproken.",
    "In mijn vraag {id} kreeg ik het antwoord dat er tegen {later} werk gemaakt zou worden van {np}.",
    "De pers berichtte recent over {problem} in {place}.",
    "Dat is een stijging met {pct} tegenover het jaar voordien.",
    "Ik kreeg verschillende signalen van bewoners over {np}.",
    "Het is niet de eerste keer dat ik hierover vragen stel.",
    "Er heerst ongerustheid over {problem}.",
    "{Actor} vraagt al langer {measure}.",
    "In {year} waren er nog {n} {unit}, vandaag zijn dat er veel minder.",
];

/// Question sentences any domain can use.
pub(crate) const GENERIC_QUESTIONS: &[&str] = &[
    "Graag de stand van zaken.",
    "Hoeveel {unit} zijn er vandaag in {place}?",
    "Welke maatregelen neemt u tegen {problem}?",
    "Wanneer wordt er werk gemaakt van {measure}?",
    "Hoeveel budget is er voorzien voor {np}?",
    "Overweegt u {measure}?",
    "Is er overleg met {actor}? Zo ja, wat is het resultaat?",
    "Kan u een overzicht geven van de {unit} per deelgemeente?",
    "Wat is de timing?",
    "Hoe evalueert u {np}?",
    "Welke rol speelt {service} hierin?",
    "Hoe verklaart u de evolutie sinds {year}?",
];

/// Answer sentences any domain can use.
pub(crate) const GENERIC_ANSWERS: &[&str] = &[
    "In {year} telden we {n} {unit}, waarvan {small} in {place}.",
    "Het stadsbestuur trekt {money} uit voor {np}.",
    "We plannen {measure} tegen {season}.",
    "Er is geregeld overleg met {actor}.",
    "{Service} volgt {problem} nauwgezet op.",
    "Uit de evaluatie blijkt een daling van {pct}.",
    "Voor de cijfers van de vorige jaren verwijs ik naar mijn antwoord op vraag {id}.",
    "De uitvoering van {measure} is opgenomen in {plan}.",
    "Een overzicht per deelgemeente vindt u in bijlage.",
    "Ik deel uw bezorgdheid over {problem}.",
    "De kostprijs wordt geraamd op {money}.",
    "We onderzoeken samen met {actor} de haalbaarheid van {measure}.",
    "Dat is {dec} keer meer dan in {year}.",
    "Zoals ik in de {committee} al meedeelde, volgen we dit op de voet.",
    "De cijfers voor {later} zijn nog niet beschikbaar.",
];

/// Title patterns; `{Theme}` is the theme's title, capitalised.
pub(crate) const TITLES: &[&str] = &[
    "{Theme}",
    "{Theme} in {place}",
    "Stand van zaken {theme}",
    "{Theme}: {problem}",
    "Evaluatie {theme}",
    "{Theme} - vervolgvraag",
    "Vragen over {theme} in {place}",
    "{Theme} in de {street}",
    "{Problem} in {place}",
    "{Theme}: stand van zaken {year}",
];

/// Titles that do not name their subject.
pub(crate) const VAGUE_TITLES: &[&str] = &[
    "Situatie in {place}",
    "Melding van bewoners uit de {street}",
    "Opvolging van vraag {id}",
    "Stand van zaken {year}",
    "Klachten uit {place}",
    "Vragen naar aanleiding van een persbericht",
];

/// Ghent districts and neighbourhoods.
pub(crate) const PLACES: &[&str] = &[
    "de binnenstad",
    "de Brugse Poort",
    "Rabot",
    "Sluizeken",
    "de Muide",
    "Meulestede",
    "de Dampoort",
    "Sint-Amandsberg",
    "Oostakker",
    "Ledeberg",
    "Gentbrugge",
    "Zwijnaarde",
    "Sint-Denijs-Westrem",
    "Afsnee",
    "Drongen",
    "Mariakerke",
    "Wondelgem",
    "Sint-Pieters-Aalst",
    "Nieuw Gent",
    "de Stationsbuurt",
    "de Bloemekenswijk",
    "de Watersportbaan",
    "Macharius-Heirnis",
    "de Kanaaldorpen",
    "Desteldonk",
    "Mendonk",
    "Sint-Kruis-Winkel",
    "Moscou",
    "Oud Gentbrugge",
    "de Visserij",
];

/// Ghent streets.
pub(crate) const STREETS: &[&str] = &[
    "Kortrijksesteenweg",
    "Dendermondsesteenweg",
    "Brusselsesteenweg",
    "Antwerpsesteenweg",
    "Sleepstraat",
    "Overpoortstraat",
    "Vlaanderenstraat",
    "Veldstraat",
    "Dampoortstraat",
    "Wondelgemstraat",
    "Nieuwewandeling",
    "Kortemunt",
    "Koningin Elisabethlaan",
    "Sint-Pietersnieuwstraat",
    "Bevrijdingslaan",
    "Palinghuizen",
    "Oudenaardsesteenweg",
    "Drongensesteenweg",
    "Voskenslaan",
    "Ottergemsesteenweg",
    "Heernislaan",
    "Kasteellaan",
    "Rooigemlaan",
    "Groendreef",
    "Meulesteedsesteenweg",
    "Tolhuislaan",
    "Rabotstraat",
    "Hundelgemsesteenweg",
];

/// First names of the fictional people.
pub(crate) const FIRST_NAMES: &[&str] = &[
    "Jan", "Pieter", "Tom", "Koen", "Bart", "Wim", "Dirk", "Geert", "Stijn", "Joris", "Lieven",
    "Sven", "Kris", "Wouter", "Jeroen", "Thomas", "Maarten", "Bram", "Arne", "Jens", "Anneleen",
    "Sofie", "An", "Els", "Katrien", "Lien", "Sarah", "Eline", "Ilse", "Veerle", "Hanne", "Lotte",
    "Marie", "Nathalie", "Griet", "Inge", "Karen", "Evelien", "Leen", "Tine", "Mohamed", "Youssef",
    "Ayse", "Mehmet", "Samira", "Karim", "Yasmina", "Elif", "Nadia", "Rachid", "Emre", "Ines",
    "Julie", "Laura", "Jolien", "Febe", "Hans", "Mieke", "Filip", "Rik",
];

/// Surnames of the fictional people.
pub(crate) const SURNAMES: &[&str] = &[
    "Claeys",
    "Declercq",
    "De Smet",
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Goossens",
    "Wouters",
    "De Vos",
    "Verhaeghe",
    "Vermeersch",
    "Desmet",
    "De Backer",
    "Van den Broeck",
    "Vandenberghe",
    "De Meyer",
    "Coppens",
    "Dhondt",
    "Van Hecke",
    "De Cock",
    "Vanhoutte",
    "Lambrecht",
    "De Pauw",
    "Van de Velde",
    "Pauwels",
    "Hermans",
    "Verbeke",
    "De Groote",
    "Cools",
    "Deprez",
    "Moens",
    "Bogaert",
    "Schepens",
    "Rosseel",
    "Van Landeghem",
    "De Wilde",
    "Dewaele",
    "El Amrani",
    "Yilmaz",
    "Demir",
    "Benali",
    "Aydin",
    "Ouali",
    "Kaya",
    "Van Laere",
    "Steyaert",
    "De Vuyst",
    "Vercruysse",
    "Van Parys",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_domain_has_enough_to_say() {
        for domain in Domain::ALL {
            let v = vocabulary(domain);
            assert!(v.themes.len() >= 10, "{domain}: themes");
            for (name, list) in [
                ("problems", v.problems),
                ("measures", v.measures),
                ("actors", v.actors),
                ("plans", v.plans),
                ("services", v.services),
                ("context", v.context),
                ("questions", v.questions),
                ("answers", v.answers),
            ] {
                assert!(list.len() >= 2, "{domain}: {name}");
            }
        }
    }

    #[test]
    fn names_are_distinct() {
        let mut first = FIRST_NAMES.to_vec();
        first.sort_unstable();
        first.dedup();
        assert_eq!(first.len(), FIRST_NAMES.len());
        let mut last = SURNAMES.to_vec();
        last.sort_unstable();
        last.dedup();
        assert_eq!(last.len(), SURNAMES.len());
    }
}
