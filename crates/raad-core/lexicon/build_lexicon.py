#!/usr/bin/env python3
"""Builds `lexicon.fst`, the word list the compound splitter of raad's Dutch analyzer reads.

The output is an `fst` map (the format of the Rust `fst` crate, written here through the
`ducer` Python binding of that crate) from a folded word to a packed value:

    value = ((part_centibels << 15 | centibels) << 1) | valid_part

- `centibels` is the word form's frequency, negated: a word that makes up one token in
  10**(c/100) has value c (so 300 = once per thousand tokens; smaller is more frequent), or 0
  when the corpus lacks the word. The splitter compares it with the frequency of a split, and
  the verb-form rules compare the forms of a word with it.
- `part_centibels` is the frequency of the word as a part of a compound: that of its
  inflection family, the word and its inflected forms together (`huis`: `huis` and `huizen`;
  `arbeider`: `arbeider` and `arbeiders`). A count of about a million tokens is thin, and a
  part that is rare as one form is often common as another. For a word whose family the
  corpus lacks it is UNSEEN_CB rarer than a word seen once: most OpenTaal words never occur in
  the corpus, and they should still be parts of a compound whose other part is known. 0 for
  words that are no parts.
- `valid_part` is 1 when the word is in the OpenTaal word list, i.e. a Dutch word that may be
  a part of a compound; words known only from the corpus (names, English, typos) count only
  as whole words, never as parts.

Every OpenTaal word is kept; words known only from the corpus are kept when they occur at
least CORPUS_ONLY_MIN_COUNT times. A word's base form is found by the splitter's rules for
removing an inflection ending (see `lemma`); function words and affixes, which the splitter
never takes as parts (its `NOT_PARTS` and the stop words, read from the Rust sources beside
this folder), add nothing to a family (`buiten` is no plural of `buit`).

Keys are lower-cased and folded to ASCII the way the analyzer folds text (é → e, ö → o), and
only words made of the letters a-z are kept.

Inputs (no text of either is copied into the repository, only the derived map is):

- The OpenTaal Dutch word list (BSD or CC BY 3.0 at the user's choice; raad takes it under
  the BSD licence, notice in LICENSE-OpenTaal.txt), from the Debian package wdutch:
      apt-get update && apt-get download wdutch && dpkg -x wdutch_*.deb wdutch
  then pass --wordlist wdutch/usr/share/dict/dutch.
- Dutch text in the public domain (CC0): the 6,059 written questions of the Belgian federal
  parliament of 2020 (data.dekamer.be), as the JSON Lines file
  `be-parliament-2020-nl.jsonl` of raad's shared data folder (`../shared/data`, one
  `{"id", "text"}` object per line); pass --corpus ../shared/data/be-parliament-2020-nl.jsonl.
  --corpus may be given more than once; the fields `text`, `title`, `question` and `answer` of
  each line are counted. (The relevance development set `dekamer-dev.jsonl` is not used:
  adding it changed nothing measurable, and it is what the splitter is tuned on.)

Needs Python 3.9+ and `pip install ducer`. Run from anywhere:

    python3 build_lexicon.py --wordlist ... --corpus ... [--out lexicon.fst]
"""

import argparse
import collections
import json
import math
import pathlib
import re
import unicodedata

import ducer

# Part frequency of a word whose family the corpus lacks, in centibels rarer than a word seen
# once. Measured on the relevance development sets: 20, 60 and 100 differ by less than 0.001,
# and so does a length-dependent estimate; without any estimate such words are no parts and
# about 5% more of the development set's word types of 7 letters or more stay whole.
UNSEEN_CB = 60
# Words known only from the corpus are kept when they occur at least this often.
CORPUS_ONLY_MIN_COUNT = 3
# The fields of a corpus line that hold text.
TEXT_FIELDS = ("text", "title", "question", "answer")
# Endings removed to find a word's base form, in the order the splitter tries them, and `n`
# of plurals of words in -e (`gemeenten`).
INFLECTION_ENDINGS = ("en", "s", "e", "n")
# Largest centibel value a field holds (15 bits).
MAX_CB = (1 << 15) - 1

LETTERS = re.compile(r"^[a-z]+$")
WORDS = re.compile(r"[a-z]+")


def fold(word: str) -> str:
    """Lower case without diacritics, as the analyzer's LowerCaser + AsciiFoldingFilter do."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def read_opentaal(path: pathlib.Path) -> set[str]:
    words = set()
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            word = fold(line.strip())
            if LETTERS.match(word):
                words.add(word)
    return words


def count_corpus(paths: list[pathlib.Path]) -> collections.Counter:
    """Token counts of the text fields of JSON Lines files, folded as the keys are."""
    counts: collections.Counter = collections.Counter()
    for path in paths:
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                for field in TEXT_FIELDS:
                    text = record.get(field)
                    if isinstance(text, str):
                        counts.update(WORDS.findall(fold(text)))
    return counts


def is_vowel(letter: str) -> bool:
    return letter in "aeiouy"


def base_forms(stem: str) -> list[str]:
    """The spellings a stem may have once an ending is removed, as the splitter's
    `base_forms` tries them: as it is, a doubled consonant made single (`gevangeniss`), `z`/`v`
    back to `s`/`f` (`huiz`, `briev`), and the long vowel of an open syllable doubled
    (`kantor` → `kantoor`)."""
    forms = [stem]
    if len(stem) < 2:
        return forms
    before, last = stem[-2], stem[-1]
    if before == last and not is_vowel(last):
        return forms + [stem[:-1]]
    devoiced = {"z": "s", "v": "f"}.get(last, last)
    changed = stem[:-1] + devoiced
    if devoiced != last:
        forms.append(changed)
    if before in "aeou" and not is_vowel(last):
        forms.append(changed[:-1] + before + changed[-1])
    return forms


def lemma(word: str, vocabulary: set[str]) -> str:
    """The word's base form in the word list (`huizen` → `huis`, `arbeiders` → `arbeider`),
    or the word itself."""
    for ending in INFLECTION_ENDINGS:
        stem = word[: -len(ending)] if word.endswith(ending) else ""
        if len(stem) < 3:
            continue
        for form in base_forms(stem):
            if form in vocabulary:
                return form
    return word


def rust_word_list(path: pathlib.Path, name: str) -> set[str]:
    """The string literals of the Rust constant `name` (a `&[&str]`) in the file at `path`, so
    that the splitter's lists of words that are never parts are written in one place."""
    source = path.read_text(encoding="utf-8")
    found = re.search(rf"const {name}: &\[&str\] = &\[(.*?)\];", source, re.DOTALL)
    if found is None:
        raise SystemExit(f"{path}: no constant {name}")
    return set(re.findall(r'"([a-z]+)"', found.group(1)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wordlist", type=pathlib.Path, required=True)
    parser.add_argument("--corpus", type=pathlib.Path, action="append", required=True)
    here = pathlib.Path(__file__).resolve().parent
    parser.add_argument("--out", type=pathlib.Path, default=here / "lexicon.fst")
    args = parser.parse_args()

    opentaal = read_opentaal(args.wordlist)
    counts = count_corpus(args.corpus)
    total = sum(counts.values())

    def centibels(count: int) -> int:
        return min(MAX_CB, max(1, round(-100 * math.log10(count / total))))

    # A word's family: the word and its inflected forms (`huis`: `huis`, `huizen`), not its
    # base form (`huizen`: `huizen`); the splitter takes inflected words apart as their base
    # form. Words that are never parts do not add to a family: `buiten` is no form of `buit`.
    not_parts = rust_word_list(here / "../src/analysis/stopwords.rs", "SNOWBALL_DUTCH")
    not_parts |= rust_word_list(here / "../src/analysis/compound_filter.rs", "NOT_PARTS")
    families: collections.Counter = collections.Counter(counts)
    for word, count in counts.items():
        base = lemma(word, opentaal)
        if base != word and word not in not_parts:
            families[base] += count
    seen_once_cb = centibels(1)

    entries = {}
    counted = by_family = 0
    for word in opentaal:
        count = counts.get(word, 0)
        family = families.get(word, 0)
        if family:
            part_cb = centibels(family)
            by_family += not count
        else:
            part_cb = min(MAX_CB, seen_once_cb + UNSEEN_CB)
        cb = centibels(count) if count else 0
        counted += bool(count)
        entries[word] = ((part_cb << 15 | cb) << 1) | 1
    for word, count in counts.items():
        if word not in entries and count >= CORPUS_ONLY_MIN_COUNT:
            entries[word] = centibels(count) << 1
    items = sorted((word.encode("ascii"), value) for word, value in entries.items())
    ducer.Map.build(str(args.out), items)
    print(
        f"{args.out}: {len(items)} words ({len(opentaal)} OpenTaal, {counted} of them counted, "
        f"{by_family} more by their family), {total} tokens counted, "
        f"{args.out.stat().st_size} bytes"
    )


if __name__ == "__main__":
    main()
