#!/usr/bin/env python3
"""Builds `lexicon.fst`, the word list the compound splitter of raad's Dutch analyzer reads.

The output is an `fst` map (the format of the Rust `fst` crate, written here through the
`ducer` Python binding of that crate) from a folded word to a packed value:

    value = centibels * 2 + valid_part

- `centibels` is the word's frequency in wordfreq's unit, negated: a word that makes up one
  token in 10**(c/100) has value c (so 300 = once per thousand tokens). Smaller is more
  frequent.
- `valid_part` is 1 when the word is in the OpenTaal word list, i.e. a Dutch word that may be
  a part of a compound; words known only from wordfreq (names, English, typos) count only as
  whole words, never as parts.

Only words with a frequency are kept: OpenTaal words that wordfreq lists at least as often as
OPENTAAL_MAX_CB, and other wordfreq words at least as often as WORDFREQ_ONLY_MAX_CB. Rarer
words are weak evidence for a split and would triple the size of the map (2.9 MB with every
OpenTaal word, 0.8 MB like this; relevance on the development sets moved by less than 0.001).

Keys are lower-cased and folded to ASCII the way the analyzer folds text (é → e, ö → o), and
only words made of the letters a-z are kept.

Inputs (neither is copied into the repository, only the derived map is):

- The OpenTaal Dutch word list (BSD or CC BY 3.0, notice in LICENSE-OpenTaal.txt), from the
  Debian package wdutch:
      apt-get update && apt-get download wdutch && dpkg -x wdutch_*.deb wdutch
  then pass --wordlist wdutch/usr/share/dict/dutch.
- Dutch word frequencies of wordfreq 3.1 (code Apache-2.0, data CC BY-SA 4.0, notices in
  LICENSE-wordfreq.txt and NOTICE-wordfreq-data.md):
      pip download wordfreq==3.1.1 --no-deps && unzip wordfreq-3.1.1-py3-none-any.whl
  then pass --wordfreq wordfreq/data/large_nl.msgpack.gz.

Needs `pip install ducer msgpack`. Run from anywhere:

    python3 build_lexicon.py --wordlist ... --wordfreq ... [--out lexicon.fst]
"""

import argparse
import gzip
import pathlib
import re
import unicodedata

import ducer
import msgpack

# OpenTaal words are kept when at least this frequent (in centibels).
OPENTAAL_MAX_CB = 720
# Words known only from wordfreq are kept when at least this frequent (in centibels): enough
# to protect common whole words from being split, without the long tail of names and typos.
WORDFREQ_ONLY_MAX_CB = 650

LETTERS = re.compile(r"^[a-z]+$")


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


def read_wordfreq(path: pathlib.Path) -> dict[str, int]:
    """wordfreq's cBpack: a header, then one list of words per centibel of frequency."""
    with gzip.open(path, "rb") as packed:
        data = msgpack.load(packed, raw=False)
    header = data[0]
    if header.get("format") != "cB" or header.get("version") != 1:
        raise SystemExit(f"{path}: unexpected header {header!r}")
    centibels: dict[str, int] = {}
    for cb, bucket in enumerate(data[1:]):
        for word in bucket:
            word = fold(word)
            # The most frequent spelling wins when folding merges two.
            if LETTERS.match(word) and word not in centibels:
                centibels[word] = max(cb, 1)
    return centibels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wordlist", type=pathlib.Path, required=True)
    parser.add_argument("--wordfreq", type=pathlib.Path, required=True)
    here = pathlib.Path(__file__).resolve().parent
    parser.add_argument("--out", type=pathlib.Path, default=here / "lexicon.fst")
    args = parser.parse_args()

    opentaal = read_opentaal(args.wordlist)
    centibels = read_wordfreq(args.wordfreq)
    entries = {}
    for word in opentaal:
        cb = centibels.get(word)
        if cb is not None and cb <= OPENTAAL_MAX_CB:
            entries[word] = cb * 2 + 1
    for word, cb in centibels.items():
        if word not in entries and cb <= WORDFREQ_ONLY_MAX_CB:
            entries[word] = cb * 2
    items = sorted((word.encode("ascii"), value) for word, value in entries.items())
    ducer.Map.build(args.out, items)
    valid = sum(1 for _, value in items if value & 1)
    print(f"{args.out}: {len(items)} words ({valid} OpenTaal), {args.out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
