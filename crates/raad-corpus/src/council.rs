//! The fictional city council the generator writes about: three terms of office, parties as
//! Ghent writes them (with their renames), councillors, aldermen with their portfolios,
//! committees, and the days the council meets.
//!
//! People are fictional: names are drawn from [`FIRST_NAMES`] × [`SURNAMES`] with a fixed seed,
//! so the council is the same for every corpus seed and a councillor keeps one name and party
//! family over the terms they sit.

use std::collections::HashSet;
use std::sync::OnceLock;

use raad_core::Date;
use rand::distr::weighted::WeightedIndex;
use rand::distr::Distribution;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::domain::Domain;
use crate::vocabulary::{FIRST_NAMES, SURNAMES};

/// The seed of the council itself; independent of the corpus seed.
const COUNCIL_SEED: u64 = 0x6765_6e74; // "gent"

/// First and last day the generator dates records on.
pub(crate) const FIRST_DAY: (i32, u32, u32) = (2013, 1, 7);
pub(crate) const LAST_DAY: (i32, u32, u32) = (2026, 10, 30);

/// A party as the voters know it over the years, whatever its list was called at the time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    /// sp.a, renamed Vooruit; part of the cartel sp.a-Groen (2012) and of Voor Gent (2024).
    Vooruit,
    Groen,
    /// Open Vld, renamed Anders; part of Voor Gent (2024).
    OpenVld,
    NVa,
    CdV,
    VlaamsBelang,
    Pvda,
}

/// One term of office of the council.
pub(crate) struct Term {
    /// First day of the term.
    start: (i32, u32, u32),
    /// Seats per party family, and whether the family governs.
    seats: &'static [(Family, u32, bool)],
    /// The aldermen of the term, with their portfolios.
    pub portfolios: &'static [Portfolio],
    /// The council committees of the term, with the domains each handles.
    pub committees: &'static [(&'static str, &'static [Domain])],
}

/// An alderman (or the mayor) and the domains they answer for, possibly for part of a term.
pub(crate) struct Portfolio {
    /// The name as records write it in `Bevoegd:`; `Burgemeester` for the mayor.
    pub name: &'static str,
    pub domains: &'static [Domain],
    /// The portfolio starts on this day (`None`: at the start of the term).
    pub from: Option<(i32, u32, u32)>,
    /// The portfolio ends the day before this day (`None`: at the end of the term).
    pub until: Option<(i32, u32, u32)>,
}

const fn held(name: &'static str, domains: &'static [Domain]) -> Portfolio {
    Portfolio {
        name,
        domains,
        from: None,
        until: None,
    }
}

use Domain as D;
use Family as F;

const MAYOR: &str = "Burgemeester";

static TERMS: [Term; 3] = [
    Term {
        start: (2013, 1, 1),
        seats: &[
            (F::Vooruit, 15, true),
            (F::Groen, 10, true),
            (F::OpenVld, 9, true),
            (F::NVa, 9, false),
            (F::CdV, 3, false),
            (F::VlaamsBelang, 3, false),
            (F::Pvda, 2, false),
        ],
        portfolios: &[
            held(MAYOR, &[D::Veiligheid]),
            held("Karel Van Damme", &[D::Mobiliteit]),
            held("Hilde Verstraete", &[D::WelzijnZorg]),
            held("Fatma Yildiz", &[D::MilieuKlimaat]),
            held("Luc Verhoeven", &[D::Financien, D::PersoneelOrganisatie]),
            held("Annick De Ridder", &[D::Onderwijs]),
            held("Bruno Callewaert", &[D::Cultuur]),
            held("Marc Heyndrickx", &[D::SportRecreatie]),
            held("Sabine Lauwers", &[D::WerkEconomie]),
            held("Dirk Van Acker", &[D::Stadsontwikkeling, D::Wonen]),
            held("Nele Cornelis", &[D::Samenleven]),
        ],
        committees: &[
            (
                "commissie Algemene Zaken, Financiën en Veiligheid",
                &[D::Financien, D::PersoneelOrganisatie, D::Veiligheid],
            ),
            (
                "commissie Mobiliteit, Openbare Werken en Stedenbouw",
                &[D::Mobiliteit, D::Stadsontwikkeling, D::Wonen],
            ),
            (
                "commissie Cultuur, Sport en Feesten",
                &[D::Cultuur, D::SportRecreatie],
            ),
            (
                "commissie Onderwijs, Welzijn en Gelijke Kansen",
                &[D::Onderwijs, D::WelzijnZorg, D::Samenleven],
            ),
            (
                "commissie Milieu, Economie en Werk",
                &[D::MilieuKlimaat, D::WerkEconomie],
            ),
        ],
    },
    Term {
        start: (2019, 1, 1),
        seats: &[
            (F::Groen, 16, true),
            (F::Vooruit, 9, true),
            (F::OpenVld, 9, true),
            (F::NVa, 9, false),
            (F::Pvda, 5, false),
            (F::VlaamsBelang, 3, false),
            (F::CdV, 2, true),
        ],
        portfolios: &[
            held(MAYOR, &[D::Veiligheid]),
            held("Karel Van Damme", &[D::Mobiliteit]),
            held("Hilde Verstraete", &[D::WelzijnZorg, D::Samenleven]),
            held("Fatma Yildiz", &[D::MilieuKlimaat, D::Wonen]),
            held("Luc Verhoeven", &[D::Financien]),
            held("Annick De Ridder", &[D::Onderwijs]),
            held("Bruno Callewaert", &[D::Cultuur]),
            held(
                "Marc Heyndrickx",
                &[D::SportRecreatie, D::PersoneelOrganisatie],
            ),
            Portfolio {
                name: "Sabine Lauwers",
                domains: &[D::WerkEconomie],
                from: None,
                until: Some((2021, 9, 1)),
            },
            Portfolio {
                name: "Tarik Boukhari",
                domains: &[D::WerkEconomie],
                from: Some((2021, 9, 1)),
                until: None,
            },
            held("Jo Van Mol", &[D::Stadsontwikkeling]),
        ],
        committees: &[
            (
                "commissie Algemene Zaken, Financiën en Bestuur",
                &[D::Financien, D::PersoneelOrganisatie, D::Veiligheid],
            ),
            (
                "commissie Mobiliteit, Openbaar Domein, Economie en Werk",
                &[D::Mobiliteit, D::WerkEconomie],
            ),
            (
                "commissie Cultuur, Toerisme, Sport en Evenementen",
                &[D::Cultuur, D::SportRecreatie],
            ),
            (
                "commissie Onderwijs, Welzijn, Gezondheid en Gelijke Kansen",
                &[D::Onderwijs, D::WelzijnZorg, D::Samenleven],
            ),
            (
                "commissie Milieu, Klimaat, Wonen en Stadsontwikkeling",
                &[D::MilieuKlimaat, D::Wonen, D::Stadsontwikkeling],
            ),
        ],
    },
    Term {
        start: (2025, 1, 1),
        seats: &[
            (F::Vooruit, 13, true),
            (F::OpenVld, 5, true),
            (F::Groen, 14, true),
            (F::NVa, 9, false),
            (F::Pvda, 7, false),
            (F::VlaamsBelang, 4, false),
            (F::CdV, 1, false),
        ],
        portfolios: &[
            held(MAYOR, &[D::Veiligheid, D::PersoneelOrganisatie]),
            held("Tarik Boukhari", &[D::WerkEconomie, D::Financien]),
            held("Griet Van Hove", &[D::Mobiliteit]),
            held("Jo Van Mol", &[D::Stadsontwikkeling, D::Wonen]),
            held("Hilde Verstraete", &[D::WelzijnZorg]),
            held("Stefaan Roels", &[D::MilieuKlimaat]),
            held("Leila Haddou", &[D::Onderwijs, D::Samenleven]),
            held("Bruno Callewaert", &[D::Cultuur, D::SportRecreatie]),
        ],
        committees: &[
            (
                "commissie Algemene Zaken, Veiligheid en Financiën",
                &[D::Financien, D::PersoneelOrganisatie, D::Veiligheid],
            ),
            ("commissie Mobiliteit en Openbaar Domein", &[D::Mobiliteit]),
            (
                "commissie Economie, Werk, Cultuur en Sport",
                &[D::WerkEconomie, D::Cultuur, D::SportRecreatie],
            ),
            (
                "commissie Onderwijs, Welzijn en Samenleven",
                &[D::Onderwijs, D::WelzijnZorg, D::Samenleven],
            ),
            (
                "commissie Klimaat, Wonen en Stadsontwikkeling",
                &[D::MilieuKlimaat, D::Wonen, D::Stadsontwikkeling],
            ),
        ],
    },
];

impl Term {
    /// The first day of the term.
    pub fn start(&self) -> Date {
        let (y, m, d) = self.start;
        ymd(y, m, d)
    }

    /// The alderman answering for `domain` on `date`.
    pub fn alderman(&self, domain: Domain, date: Date) -> &'static str {
        let mut fallback = MAYOR;
        for portfolio in self.portfolios {
            if portfolio.domains.contains(&domain) {
                fallback = portfolio.name;
                if portfolio.holds_on(date) {
                    return portfolio.name;
                }
            }
        }
        fallback
    }

    /// The committee handling `domain` (the first one when none lists it).
    pub fn committee(&self, domain: Domain) -> &'static str {
        self.committees
            .iter()
            .find(|(_, domains)| domains.contains(&domain))
            .or(self.committees.first())
            .map_or("commissie", |(name, _)| name)
    }
}

impl Portfolio {
    fn holds_on(&self, date: Date) -> bool {
        let after_start = self.from.is_none_or(|(y, m, d)| date >= ymd(y, m, d));
        let before_end = self.until.is_none_or(|(y, m, d)| date < ymd(y, m, d));
        after_start && before_end
    }
}

/// A date from the constant parts written in this module (all valid days, which the tests
/// check), so it cannot fail on any input.
pub(crate) fn ymd(year: i32, month: u32, day: u32) -> Date {
    Date::from_ymd(year, month, day).expect("constant dates in the generator are valid")
}

/// A councillor of the fictional council.
pub(crate) struct Member {
    pub name: String,
    pub family: Family,
}

/// The council of one term: its members and how likely each is to ask a question.
pub(crate) struct Sitting {
    pub members: Vec<Member>,
    /// Opposition members ask more, and some members ask far more than others.
    weights: WeightedIndex<u32>,
}

impl Sitting {
    /// A member drawn by how often they ask questions.
    pub fn pick(&self, rng: &mut impl Rng) -> &Member {
        &self.members[self.weights.sample(rng)]
    }

    /// A member of `family` other than `not`, if the sitting has one.
    pub fn pick_of_family(
        &self,
        family: Family,
        not: &[&str],
        rng: &mut impl Rng,
    ) -> Option<&Member> {
        let candidates: Vec<&Member> = self
            .members
            .iter()
            .filter(|m| m.family == family && !not.contains(&m.name.as_str()))
            .collect();
        candidates.choose(rng).copied()
    }
}

/// The whole fictional council: every term with its sitting councillors.
pub(crate) struct Council {
    pub sittings: Vec<(&'static Term, Sitting)>,
}

impl Council {
    /// The council, built once per process from [`COUNCIL_SEED`].
    pub fn get() -> &'static Council {
        static COUNCIL: OnceLock<Council> = OnceLock::new();
        COUNCIL.get_or_init(Council::build)
    }

    /// The term (and its sitting) that `date` falls in.
    pub fn at(&self, date: Date) -> (&'static Term, &Sitting) {
        let (term, sitting) = self
            .sittings
            .iter()
            .rev()
            .find(|(term, _)| term.start() <= date)
            .unwrap_or(&self.sittings[0]);
        (term, sitting)
    }

    fn build() -> Council {
        let mut rng = ChaCha8Rng::seed_from_u64(COUNCIL_SEED);
        let mut taken: HashSet<String> = TERMS
            .iter()
            .flat_map(|term| term.portfolios.iter().map(|p| p.name.to_string()))
            .collect();
        let mut previous: Vec<Member> = Vec::new();
        let mut sittings = Vec::new();
        for term in &TERMS {
            let mut members = Vec::new();
            let mut weights = Vec::new();
            for &(family, seats, governs) in term.seats {
                // About half of a party's councillors sit again the next term.
                let mut staying: Vec<Member> = previous
                    .iter()
                    .filter(|m| m.family == family && rng.random_bool(0.5))
                    .map(|m| Member {
                        name: m.name.clone(),
                        family,
                    })
                    .collect();
                staying.truncate(seats as usize);
                while staying.len() < seats as usize {
                    staying.push(Member {
                        name: fresh_name(&mut taken, &mut rng),
                        family,
                    });
                }
                for member in staying {
                    let activity = rng.random_range(1..=6u32);
                    weights.push(if governs { activity } else { 3 * activity });
                    members.push(member);
                }
            }
            previous = members
                .iter()
                .map(|m| Member {
                    name: m.name.clone(),
                    family: m.family,
                })
                .collect();
            let weights = WeightedIndex::new(weights)
                .unwrap_or_else(|_| WeightedIndex::new([1u32]).expect("one positive weight"));
            sittings.push((term, Sitting { members, weights }));
        }
        Council { sittings }
    }
}

fn fresh_name(taken: &mut HashSet<String>, rng: &mut impl Rng) -> String {
    loop {
        let first = FIRST_NAMES.choose(rng).copied().unwrap_or("Jan");
        let last = SURNAMES.choose(rng).copied().unwrap_or("Peeters");
        let name = format!("{first} {last}");
        if taken.insert(name.clone()) {
            return name;
        }
    }
}

/// The party as a record of `date` writes it for a councillor of `family` in `term` (0-based).
///
/// The spellings follow Ghent's history: the cartel sp.a-Groen in the first years, PVDA+
/// until 2015, sp.a renamed Vooruit on 21 March 2021, the joint list Voor Gent (Vooruit and
/// Open Vld) from the 2025 term, Open Vld renamed Anders in January 2026, and the variants
/// `Open VLD` and `VB` that exports use beside the official names.
pub(crate) fn party_as_written(
    family: Family,
    term: usize,
    date: Date,
    rng: &mut impl Rng,
) -> &'static str {
    let before = |y, m, d| date < ymd(y, m, d);
    match family {
        F::Vooruit | F::Groen if term == 0 && before(2015, 1, 1) => "sp.a-Groen",
        F::Vooruit if term == 2 && rng.random_bool(0.7) => "Voor Gent",
        F::Vooruit if before(2021, 3, 21) => "sp.a",
        F::Vooruit => "Vooruit",
        F::Groen => "Groen",
        F::OpenVld if term == 2 && rng.random_bool(0.6) => "Voor Gent",
        F::OpenVld if !before(2026, 1, 1) => "Anders",
        F::OpenVld if rng.random_bool(0.15) => "Open VLD",
        F::OpenVld => "Open Vld",
        F::NVa => "N-VA",
        F::CdV => "CD&V",
        F::VlaamsBelang if rng.random_bool(0.2) => "VB",
        F::VlaamsBelang => "Vlaams Belang",
        F::Pvda if before(2015, 1, 1) => "PVDA+",
        F::Pvda => "PVDA",
    }
}

/// The days the council and its committees meet on, where oral questions are asked: Monday
/// to Thursday outside the summer and Christmas recesses.
pub(crate) fn is_meeting_day(date: Date) -> bool {
    let (month, day) = (date.month(), date.day());
    let recess = (month == 7 && day >= 10)
        || month == 8
        || (month == 12 && day >= 24)
        || (month == 1 && day <= 6);
    weekday(date) <= 3 && !recess
}

/// Monday to Friday: the days written questions are filed on.
pub(crate) fn is_working_day(date: Date) -> bool {
    weekday(date) <= 4
}

/// The day of the week, 0 = Monday.
pub(crate) fn weekday(date: Date) -> i64 {
    // 1970-01-01 was a Thursday.
    (date.days_since_epoch() + 3).rem_euclid(7)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Date {
        Date::from_ymd(y, m, d).unwrap()
    }

    #[test]
    fn parties_are_written_as_they_were_at_the_time() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let mut written = |family, term, date| party_as_written(family, term, date, &mut rng);
        assert_eq!(written(F::Vooruit, 0, day(2014, 5, 6)), "sp.a-Groen");
        assert_eq!(written(F::Groen, 0, day(2014, 5, 6)), "sp.a-Groen");
        assert_eq!(written(F::Vooruit, 0, day(2016, 5, 6)), "sp.a");
        assert_eq!(written(F::Vooruit, 1, day(2021, 3, 20)), "sp.a");
        assert_eq!(written(F::Vooruit, 1, day(2021, 3, 21)), "Vooruit");
        assert_eq!(written(F::Pvda, 0, day(2014, 12, 31)), "PVDA+");
        assert_eq!(written(F::Pvda, 1, day(2020, 1, 1)), "PVDA");
        let mut seen = HashSet::new();
        for _ in 0..200 {
            seen.insert(written(F::OpenVld, 2, day(2026, 2, 3)));
            seen.insert(written(F::OpenVld, 2, day(2025, 12, 31)));
        }
        let mut seen: Vec<_> = seen.into_iter().collect();
        seen.sort_unstable();
        assert_eq!(seen, ["Anders", "Open VLD", "Open Vld", "Voor Gent"]);
    }

    #[test]
    fn every_domain_has_an_alderman_and_a_committee_in_every_term() {
        let council = Council::get();
        for (term, sitting) in &council.sittings {
            let seats: u32 = term.seats.iter().map(|(_, n, _)| n).sum();
            assert_eq!(sitting.members.len(), seats as usize);
            for domain in Domain::ALL {
                let holders = term
                    .portfolios
                    .iter()
                    .filter(|p| p.domains.contains(&domain))
                    .count();
                assert!(holders >= 1, "{domain} in term from {}", term.start());
                assert!(term
                    .committees
                    .iter()
                    .any(|(_, domains)| domains.contains(&domain)));
            }
        }
    }

    #[test]
    fn aldermen_change_mid_term_and_the_mayor_answers_for_safety() {
        let council = Council::get();
        let (term, _) = council.at(day(2021, 8, 31));
        assert_eq!(
            term.alderman(D::WerkEconomie, day(2021, 8, 31)),
            "Sabine Lauwers"
        );
        assert_eq!(
            term.alderman(D::WerkEconomie, day(2021, 9, 1)),
            "Tarik Boukhari"
        );
        assert_eq!(
            term.alderman(D::Veiligheid, day(2021, 9, 1)),
            "Burgemeester"
        );
        let (term, _) = council.at(day(2013, 1, 1));
        assert_eq!(term.start(), day(2013, 1, 1));
        let (term, _) = council.at(day(2026, 6, 1));
        assert_eq!(term.start(), day(2025, 1, 1));
    }

    #[test]
    fn councillor_names_are_unique_within_a_term_and_not_aldermen() {
        for (term, sitting) in &Council::get().sittings {
            let names: HashSet<&str> = sitting.members.iter().map(|m| m.name.as_str()).collect();
            assert_eq!(names.len(), sitting.members.len());
            for portfolio in term.portfolios {
                assert!(!names.contains(portfolio.name));
            }
        }
    }

    #[test]
    fn meeting_days() {
        assert_eq!(weekday(day(2016, 3, 15)), 1); // a Tuesday
        assert!(is_meeting_day(day(2016, 3, 15)));
        assert!(!is_meeting_day(day(2016, 8, 9)));
        assert!(!is_meeting_day(day(2016, 3, 18)));
        assert!(is_working_day(day(2016, 3, 18)));
        assert!(!is_working_day(day(2016, 3, 19)));
    }
}
