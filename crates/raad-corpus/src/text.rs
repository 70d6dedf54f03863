//! Filling sentence templates: slots for places, numbers as Belgian texts write them
//! (`3.000`, `2,5`), dates in Dutch, ids of earlier questions, and the words of a domain.

use std::fmt::Write;

use raad_core::Date;
use rand::seq::IndexedRandom;
use rand::Rng;

use crate::vocabulary::{DomainVocab, Theme, PLACES, STREETS};

/// What the slots of one record's sentences are filled from.
pub(crate) struct Slots<'a> {
    pub vocab: &'static DomainVocab,
    pub theme: &'static Theme,
    /// The record's date: years and dates in the text are at or before it, plans after it.
    pub date: Date,
    pub committee: &'a str,
}

/// Appends `template` to `out` with every `{slot}` filled; a slot written with a capital
/// (`{Actor}`) is filled capitalised. Unknown slots are kept as written, braces included, so a
/// typo in a template shows in the output instead of vanishing.
pub(crate) fn render(template: &str, slots: &Slots<'_>, rng: &mut impl Rng, out: &mut String) {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return;
        };
        let name = &after[..close];
        let start = out.len();
        if fill(name, slots, rng, out) {
            if name.starts_with(|c: char| c.is_ascii_uppercase()) {
                capitalize_at(out, start);
            }
        } else {
            out.push('{');
            out.push_str(name);
            out.push('}');
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
}

/// Fills one slot; false when the name is not a slot.
fn fill(name: &str, slots: &Slots<'_>, rng: &mut impl Rng, out: &mut String) -> bool {
    let pick = |list: &[&'static str], rng: &mut _| list.choose(rng).copied().unwrap_or("");
    let year = slots.date.year();
    match name.to_ascii_lowercase().as_str() {
        "place" => out.push_str(pick(PLACES, rng)),
        "street" => out.push_str(pick(STREETS, rng)),
        "theme" => out.push_str(slots.theme.title),
        "np" => out.push_str(slots.theme.np),
        "unit" => out.push_str(slots.theme.unit),
        "problem" => out.push_str(pick(slots.vocab.problems, rng)),
        "measure" => out.push_str(pick(slots.vocab.measures, rng)),
        "actor" => out.push_str(pick(slots.vocab.actors, rng)),
        "plan" => out.push_str(pick(slots.vocab.plans, rng)),
        "service" => out.push_str(pick(slots.vocab.services, rng)),
        "committee" => out.push_str(slots.committee),
        "n" => push_count(rng, out),
        "small" => {
            let _ = write!(out, "{}", rng.random_range(2..=40));
        }
        "pct" => push_percentage(rng, out),
        "dec" => {
            let _ = write!(
                out,
                "{},{}",
                rng.random_range(1..=9),
                rng.random_range(1..=9)
            );
        }
        "money" => push_money(rng, out),
        "year" => {
            let _ = write!(out, "{}", year - rng.random_range(0..=2));
        }
        "later" => {
            let _ = write!(out, "{}", year + rng.random_range(1..=3));
        }
        "schoolyear" => {
            let start = year - rng.random_range(0..=1);
            let _ = write!(out, "{start}-{}", start + 1);
        }
        "season" => {
            let season = *["het voorjaar", "het najaar", "de zomer", "de winter"]
                .choose(rng)
                .unwrap_or(&"het voorjaar");
            let _ = write!(out, "{season} van {}", year + rng.random_range(1..=2));
        }
        "date" => {
            let days = slots.date.days_since_epoch() - rng.random_range(10..=400);
            match Date::from_days_since_epoch(days) {
                Some(date) => push_date(date, out),
                None => push_date(slots.date, out),
            }
        }
        "id" => push_earlier_id(year, rng, out),
        _ => return false,
    }
    true
}

/// Upper-cases the character starting at byte `at` (if any).
pub(crate) fn capitalize_at(out: &mut String, at: usize) {
    let Some(first) = out[at..].chars().next() else {
        return;
    };
    if first.is_lowercase() {
        let upper: String = first.to_uppercase().collect();
        out.replace_range(at..at + first.len_utf8(), &upper);
    }
}

/// Writes `n` with dots between groups of three digits: `3.000`, `12.450`.
pub(crate) fn push_thousands(n: u64, out: &mut String) {
    let digits = n.to_string();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(digit);
    }
}

/// A count such as texts give them: mostly hundreds, sometimes thousands, often rounded.
fn push_count(rng: &mut impl Rng, out: &mut String) {
    let n: u64 = match rng.random_range(0..10) {
        0..=5 => rng.random_range(12..1_000),
        6..=8 => rng.random_range(1_000..10_000),
        _ => rng.random_range(10_000..100_000),
    };
    let n = if rng.random_bool(0.3) && n >= 100 {
        n / 10 * 10
    } else {
        n
    };
    push_thousands(n, out);
}

fn push_percentage(rng: &mut impl Rng, out: &mut String) {
    let whole = rng.random_range(2..=60);
    match rng.random_range(0..4) {
        0 => {
            let _ = write!(out, "{whole}%");
        }
        1 => {
            let _ = write!(out, "{whole},{} procent", rng.random_range(1..=9));
        }
        _ => {
            let _ = write!(out, "{whole} procent");
        }
    }
}

fn push_money(rng: &mut impl Rng, out: &mut String) {
    match rng.random_range(0..3) {
        0 => {
            out.push_str("€ ");
            push_thousands(rng.random_range(20..=950) * 1_000, out);
        }
        1 => {
            let _ = write!(
                out,
                "{},{} miljoen euro",
                rng.random_range(1..=40),
                rng.random_range(1..=9)
            );
        }
        _ => {
            push_thousands(rng.random_range(5..=500) * 500, out);
            out.push_str(" euro");
        }
    }
}

/// A date as Dutch text writes it: `15 maart 2016`.
pub(crate) fn push_date(date: Date, out: &mut String) {
    out.push_str(&date.to_dutch());
}

/// The id of an earlier question, as a councillor cites it: `2019_MV_00087`.
fn push_earlier_id(year: i32, rng: &mut impl Rng, out: &mut String) {
    let year = (year - rng.random_range(0..=3)).max(2013);
    let code = if year <= 2015 && rng.random_bool(0.3) {
        "MC"
    } else if rng.random_bool(0.5) {
        "MV"
    } else {
        "SV"
    };
    let _ = write!(out, "{year}_{code}_{:05}", rng.random_range(1..=999));
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    use super::*;
    use crate::domain::Domain;
    use crate::vocabulary::vocabulary;

    fn slots() -> Slots<'static> {
        let vocab = vocabulary(Domain::Mobiliteit);
        Slots {
            vocab,
            theme: &vocab.themes[1],
            date: Date::from_ymd(2016, 3, 15).unwrap(),
            committee: "commissie Mobiliteit",
        }
    }

    fn rendered(template: &str) -> String {
        let mut out = String::new();
        render(
            template,
            &slots(),
            &mut ChaCha8Rng::seed_from_u64(7),
            &mut out,
        );
        out
    }

    #[test]
    fn theme_slots_and_capitals() {
        assert_eq!(
            rendered("{Theme}: {np} ({unit})"),
            "Fietsenstallingen aan het station: de fietsenstallingen aan het station (fietsplaatsen)"
        );
        assert_eq!(
            rendered("in de {committee}."),
            "in de commissie Mobiliteit."
        );
    }

    #[test]
    fn unknown_slots_and_stray_braces_are_kept() {
        assert_eq!(rendered("a {nope} b"), "a {nope} b");
        assert_eq!(rendered("open { only"), "open { only");
        assert_eq!(rendered("no slots"), "no slots");
    }

    #[test]
    fn numbers_as_belgian_texts_write_them() {
        let mut out = String::new();
        for n in [0, 7, 999, 3_000, 12_450, 1_234_567] {
            push_thousands(n, &mut out);
            out.push(' ');
        }
        assert_eq!(out, "0 7 999 3.000 12.450 1.234.567 ");
        let mut out = String::new();
        push_date(Date::from_ymd(2016, 3, 15).unwrap(), &mut out);
        assert_eq!(out, "15 maart 2016");
    }

    #[test]
    fn years_and_ids_stay_before_the_record_and_plans_after() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        for _ in 0..200 {
            let mut out = String::new();
            render("{year} {later} {id}", &slots(), &mut rng, &mut out);
            let parts: Vec<&str> = out.split(' ').collect();
            let year: i32 = parts[0].parse().unwrap();
            let later: i32 = parts[1].parse().unwrap();
            assert!((2014..=2016).contains(&year), "{out}");
            assert!((2017..=2019).contains(&later), "{out}");
            let id_year: i32 = parts[2][..4].parse().unwrap();
            assert!((2013..=2016).contains(&id_year), "{out}");
            assert_eq!(parts[2].len(), "2016_MV_00001".len(), "{out}");
        }
    }
}
