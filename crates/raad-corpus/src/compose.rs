//! One generated record: who asks, who answers, and the title, question and answer text.

use raad_core::party::PartyTable;
use raad_core::{Councillor, Date, Record};
use rand::seq::IndexedRandom;
use rand::Rng;

use crate::council::{party_as_written, Sitting, Term};
use crate::domain::Domain;
use crate::text::{capitalize_at, render, Slots};
use crate::vocabulary::{
    vocabulary, DomainVocab, GENERIC_ANSWERS, GENERIC_CONTEXT, GENERIC_QUESTIONS, TITLES,
    VAGUE_TITLES,
};

/// The facts of a record decided before its text is written.
pub(crate) struct Frame<'a> {
    pub id: String,
    pub code: Option<&'static str>,
    pub oral: bool,
    pub date: Date,
    pub domain: Domain,
    pub term: &'static Term,
    pub term_index: usize,
    pub sitting: &'a Sitting,
}

/// Share of records that mention something of a neighbouring domain, as real questions do
/// (a mobility question that mentions a school, a housing answer that cites the OCMW).
const CROSS_DOMAIN: f64 = 0.3;

/// Share of records that speak of a second domain throughout (a school building's permit,
/// the cost of the night shelter), and the share of their sentences about it.
const MIXED: f64 = 0.15;
const SECONDARY_SHARE: f64 = 0.35;

/// Share of records whose title does not name the subject (`Situatie in Ledeberg`).
const VAGUE_TITLE: f64 = 0.08;

/// Writes the record of `frame`.
pub(crate) fn compose(frame: &Frame<'_>, parties: &PartyTable, rng: &mut impl Rng) -> Record {
    let vocab = vocabulary(frame.domain);
    let theme = vocab.themes.choose(rng).unwrap_or(&vocab.themes[0]);
    let committee = frame.term.committee(frame.domain);
    let slots = Slots {
        vocab,
        theme,
        date: frame.date,
        committee,
    };

    let mut record = Record::new(frame.id.clone());
    record.kind = Some(
        if frame.oral {
            "mondelinge vraag"
        } else {
            "schriftelijke vraag"
        }
        .to_string(),
    );
    record.code = frame.code.map(str::to_string);
    record.date = Some(frame.date);
    record.councillors = askers(frame, parties, rng);
    let alderman = frame.term.alderman(frame.domain, frame.date);
    record.alderman = Some(alderman.to_string());
    record.involved_aldermen = involved(frame, alderman, rng);

    let mut title = String::new();
    let titles = if rng.random_bool(VAGUE_TITLE) {
        VAGUE_TITLES
    } else {
        TITLES
    };
    render(pick(titles, rng), &slots, rng, &mut title);
    record.title = Some(title);
    let secondary = rng.random_bool(MIXED).then(|| {
        let other = other_domain(frame.domain, rng);
        let vocab = vocabulary(other);
        Slots {
            vocab,
            theme: vocab.themes.choose(rng).unwrap_or(&vocab.themes[0]),
            date: frame.date,
            committee,
        }
    });
    let mut drafter = Drafter {
        slots: &slots,
        secondary,
        frame,
        used: Vec::new(),
    };
    record.question = Some(drafter.question(rng));

    let unanswered = if frame.oral { 0.03 } else { 0.18 };
    if !rng.random_bool(unanswered) {
        record.answer = Some(drafter.answer(rng));
        let delay = if frame.oral {
            0
        } else {
            written_answer_delay(rng.random_range(5..=25), rng.random_range(0..=15))
        };
        record.answer_date = Date::from_days_since_epoch(frame.date.days_since_epoch() + delay);
    }
    record
}

/// Days from a written question to its answer, from two draws (`base` in 5..=25, `spread`
/// in 0..=15; the same two draws as ever, so the rest of the corpus stays as it was): three
/// answers in four within weeks (5–36 days), about one in five after 45 to 115 days, one in
/// sixteen after 200 to 400 days: most on time, some late, a few very late, as councils answer.
fn written_answer_delay(base: i64, spread: i64) -> i64 {
    match spread {
        0..=11 => base + spread,
        12..=14 => 30 + base * 3 + (spread - 12) * 5,
        _ => 150 + base * 10,
    }
}

fn pick<'a>(list: &[&'a str], rng: &mut impl Rng) -> &'a str {
    list.choose(rng).copied().unwrap_or("")
}

/// One councillor mostly; sometimes two or three, usually of one party.
fn askers(frame: &Frame<'_>, parties: &PartyTable, rng: &mut impl Rng) -> Vec<Councillor> {
    let count = match rng.random_range(0..100) {
        0..=84 => 1,
        85..=96 => 2,
        _ => 3,
    };
    let first = frame.sitting.pick(rng);
    let mut members = vec![first];
    while members.len() < count {
        let taken: Vec<&str> = members.iter().map(|m| m.name.as_str()).collect();
        let next = if rng.random_bool(0.7) {
            frame.sitting.pick_of_family(first.family, &taken, rng)
        } else {
            None
        };
        let next = next.unwrap_or_else(|| frame.sitting.pick(rng));
        if taken.contains(&next.name.as_str()) {
            // Drawn again: a smaller group rather than a long retry loop.
            break;
        }
        members.push(next);
    }
    members
        .into_iter()
        .map(|member| {
            let written = party_as_written(member.family, frame.term_index, frame.date, rng);
            Councillor {
                name: member.name.clone(),
                party: Some(parties.canonical(written)),
                party_as_written: Some(written.to_string()),
            }
        })
        .collect()
}

/// Aldermen of related domains, in about one record in seven.
fn involved(frame: &Frame<'_>, responsible: &str, rng: &mut impl Rng) -> Vec<String> {
    if !rng.random_bool(0.15) {
        return Vec::new();
    }
    let mut names = Vec::new();
    let wanted = if rng.random_bool(0.8) { 1 } else { 2 };
    for &domain in frame.domain.related() {
        let name = frame.term.alderman(domain, frame.date);
        if name != responsible && !names.iter().any(|n| n == name) {
            names.push(name.to_string());
        }
        if names.len() == wanted {
            break;
        }
    }
    names
}

/// A template of `list` not in `used` yet, if any is left; it is added to `used`.
fn fresh(used: &mut Vec<&'static str>, list: &[&'static str], rng: &mut impl Rng) -> &'static str {
    let unused: Vec<&'static str> = list.iter().copied().filter(|t| !used.contains(t)).collect();
    let template = if unused.is_empty() {
        pick(list, rng)
    } else {
        pick(&unused, rng)
    };
    used.push(template);
    template
}

/// A related domain mostly, now and then any domain.
fn other_domain(domain: Domain, rng: &mut impl Rng) -> Domain {
    if rng.random_bool(0.7) {
        domain.related().choose(rng).copied().unwrap_or(domain)
    } else {
        Domain::ALL.choose(rng).copied().unwrap_or(domain)
    }
}

/// Writes the sentences of one record, using each template at most once while there are
/// unused ones left, so that a long answer does not say the same thing twice.
struct Drafter<'s, 'a> {
    slots: &'s Slots<'a>,
    /// A second domain the record also speaks of, in some records.
    secondary: Option<Slots<'a>>,
    frame: &'s Frame<'a>,
    used: Vec<&'static str>,
}

impl Drafter<'_, '_> {
    /// One sentence, from the domain's own list a bit less than half of the time; in a
    /// record that also speaks of a second domain, some sentences are about that one.
    fn sentence(
        &mut self,
        own: fn(&DomainVocab) -> &'static [&'static str],
        generic: &'static [&'static str],
        rng: &mut impl Rng,
        out: &mut String,
    ) {
        let slots = match &self.secondary {
            Some(secondary) if rng.random_bool(SECONDARY_SHARE) => secondary,
            _ => self.slots,
        };
        let list = if rng.random_bool(0.45) {
            own(slots.vocab)
        } else {
            generic
        };
        let template = fresh(&mut self.used, list, rng);
        let start = out.len();
        render(template, slots, rng, out);
        capitalize_at(out, start);
    }

    /// A sentence of a related domain (or, now and then, of any domain), in its own words.
    fn neighbour_sentence(
        &mut self,
        list: fn(&DomainVocab) -> &'static [&'static str],
        rng: &mut impl Rng,
        out: &mut String,
    ) {
        let vocab = vocabulary(other_domain(self.frame.domain, rng));
        let theme = vocab.themes.choose(rng).unwrap_or(&vocab.themes[0]);
        let neighbour = Slots {
            vocab,
            theme,
            date: self.slots.date,
            committee: self.slots.committee,
        };
        let template = fresh(&mut self.used, list(vocab), rng);
        let start = out.len();
        render(template, &neighbour, rng, out);
        capitalize_at(out, start);
    }

    /// The context (`Toelichting`, absent in a quarter of the records) and the questions proper.
    fn question(&mut self, rng: &mut impl Rng) -> String {
        let mut paragraphs = Vec::new();
        if rng.random_bool(0.75) {
            let mut paragraph = String::new();
            for i in 0..rng.random_range(1..=4) {
                if i > 0 {
                    if rng.random_bool(0.3) {
                        paragraphs.push(std::mem::take(&mut paragraph));
                    } else {
                        paragraph.push(' ');
                    }
                }
                self.sentence(|v| v.context, GENERIC_CONTEXT, rng, &mut paragraph);
            }
            if rng.random_bool(CROSS_DOMAIN / 2.0) {
                paragraph.push(' ');
                self.neighbour_sentence(|v| v.context, rng, &mut paragraph);
            }
            paragraphs.push(paragraph);
        }
        let count = rng.random_range(1..=4);
        let numbered = count > 1 && rng.random_bool(0.4);
        let mut asked = String::new();
        for i in 0..count {
            let mut one = String::new();
            self.sentence(|v| v.questions, GENERIC_QUESTIONS, rng, &mut one);
            if numbered {
                paragraphs.push(format!("{}. {one}", i + 1));
            } else {
                if !asked.is_empty() {
                    asked.push(' ');
                }
                asked.push_str(&one);
            }
        }
        if !asked.is_empty() {
            paragraphs.push(asked);
        }
        paragraphs.join("\n\n")
    }

    /// A few short paragraphs; one answer in ten runs long.
    fn answer(&mut self, rng: &mut impl Rng) -> String {
        let count = if rng.random_bool(0.1) {
            rng.random_range(7..=12)
        } else if self.frame.oral {
            rng.random_range(2..=4)
        } else {
            rng.random_range(2..=6)
        };
        let cross_at = rng
            .random_bool(CROSS_DOMAIN)
            .then(|| rng.random_range(0..count));
        let mut paragraphs: Vec<String> = Vec::with_capacity(count);
        for p in 0..count {
            let mut paragraph = String::new();
            for s in 0..rng.random_range(1..=3) {
                if s > 0 {
                    paragraph.push(' ');
                }
                self.sentence(|v| v.answers, GENERIC_ANSWERS, rng, &mut paragraph);
            }
            if cross_at == Some(p) {
                paragraph.push(' ');
                self.neighbour_sentence(|v| v.answers, rng, &mut paragraph);
            }
            paragraphs.push(paragraph);
        }
        paragraphs.join("\n\n")
    }
}
