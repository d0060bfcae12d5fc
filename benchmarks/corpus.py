"""Generate a synthetic corpus of news-like reports for benchmarks.

Every sentence here is a template written for afgmap; no article text is used.
Reports are ~4 KB, carry a date line (or not), name capitals in varied
spellings (including typos), use relative dates, claims, denials and fillers,
and a share of them are syndicated near-copies of an earlier report.

Usage::

    python benchmarks/corpus.py N OUT_DIR      # writes N .txt reports
"""

from __future__ import annotations

import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path

# Spellings a reporter might use, per capital: the canonical name first.
SPELLINGS = {
    "Kunduz": ["Kunduz", "Qunduz", "Kondoz", "Kunduz city", "Kunuz"],
    "Sheberghan": ["Sheberghan", "Shibirghan", "Shiberghan", "Sheberghn"],
    "Taloqan": ["Taloqan", "Taleqan", "Taluqan", "Taloqan city"],
    "Sar-e Pul": ["Sar-e Pul", "Sar-e-Pul", "Sari Pul", "Sar-i-Pul"],
    "Zaranj": ["Zaranj", "Zarang"],
    "Lashkar Gah": ["Lashkar Gah", "Lashkargah", "Lashkar-gah"],
    "Kandahar": ["Kandahar", "Qandahar"],
    "Herat": ["Herat", "Herāt"],
    "Ghazni": ["Ghazni", "Ghaznī"],
    "Mazar-e Sharif": ["Mazar-i-Sharif", "Mazar-e Sharif"],
    "Pul-e Khumri": ["Pul-e Khumri", "Pul-i-Khumri", "Puli Khumri"],
    "Fayzabad": ["Faizabad", "Fayzabad", "Feyzabad"],
    "Jalalabad": ["Jalalabad", "Jalalbad"],
    "Farah": ["Farah"],
    "Qala-e Naw": ["Qala-i-Naw", "Qala-e Naw"],
    "Maymana": ["Maimana", "Maymana", "Meymaneh"],
    "Tarinkot": ["Tarinkot", "Tarin Kowt"],
    "Qalat": ["Qalat", "Kalat"],
    "Gardez": ["Gardez"],
    "Aybak": ["Aybak", "Aibak"],
    "Charikar": ["Charikar"],
    "Asadabad": ["Asadabad"],
    "Mehtar Lam": ["Mehtar Lam", "Mehtarlam"],
    "Bamyan": ["Bamyan", "Bamiyan"],
}
PROVINCE_OF = {
    "Kunduz": "Kunduz", "Sheberghan": "Jawzjan", "Taloqan": "Takhar", "Sar-e Pul": "Sar-e Pul",
    "Zaranj": "Nimroz", "Lashkar Gah": "Helmand", "Kandahar": "Kandahar", "Herat": "Herat",
    "Ghazni": "Ghazni", "Mazar-e Sharif": "Balkh", "Pul-e Khumri": "Baghlan",
    "Fayzabad": "Badakhshan", "Jalalabad": "Nangarhar", "Farah": "Farah", "Qala-e Naw": "Badghis",
    "Maymana": "Faryab", "Tarinkot": "Uruzgan", "Qalat": "Zabul", "Gardez": "Paktia",
    "Aybak": "Samangan", "Charikar": "Parwan", "Asadabad": "Kunar", "Mehtar Lam": "Laghman",
    "Bamyan": "Bamyan",
}
WHEN = ["on Friday", "on Saturday", "yesterday", "overnight", "this morning", "on Sunday", ""]
CLAIMS = [
    "Taliban fighters seized {place} {when}, {said}.",
    "The Taliban said in a statement that they had captured {place} {when}.",
    "Heavy fighting was reported on the outskirts of {place} {when}, {said}.",
    "{place} has been under siege for days, {said}.",
    "The defence ministry said commandos had retaken parts of {place} {when}.",
    "A government spokesman denied that {place} had fallen.",
    "Street-to-street fighting continued in {place} {when}, {said}.",
    "{place} may be the next city to fall, analysts warned.",
    "The insurgents briefly overran {place} in 2015 but never held it.",
]
ATTRIBUTION = ["a provincial council member said", "residents said", "a local official said",
               "a security source told reporters", "a lawmaker from the province said",
               "two residents reached by telephone said", "an aid worker in the city said"]
# Filler templates with slots, so that unrelated reports share few five-word runs.
FILLER = [
    "Aid agencies said {n} families had fled to {district} in the past {k} days.",
    "Prices of flour and cooking oil rose by {k}0 percent in {district}, traders said.",
    "Officials in {district} said {n} people had been wounded since {month}.",
    "Hospitals in {district} reported {k} dead and {n} wounded, many of them {victims}.",
    "Diplomats meeting in {venue} urged both sides to return to talks within {k} weeks.",
    "Militia commanders loyal to {person} mobilised about {n} fighters near {district}.",
    "Mobile networks were cut in {district} and {district2}, making reports hard to verify.",
    "The United Nations said {n} civilians had been killed or wounded in {month}.",
    "Analysts in {venue} said the speed of the advance had surprised {person}'s allies.",
    "Schools and clinics in {district} stayed shut for a {ordinal} day.",
    "Traffic on the road between {district} and {district2} was halted for {k} days.",
    "{person}, a shopkeeper in {district}, said he had sent his family to {district2}.",
    "About {n} displaced people were sheltering in a park in {district}, {person} said.",
    "The {ordinal} convoy of food aid in {k} weeks reached {district} on {weekday}.",
]
DISTRICTS = ["Andkhoy", "Qaisar", "Dawlatabad", "Khulm", "Nahrin", "Baharak", "Ishkashim",
             "Chahar Dara", "Imam Sahib", "Khanabad", "Rustaq", "Dasht-e Archi", "Sangin",
             "Nad Ali", "Marjah", "Musa Qala", "Arghandab", "Spin Boldak", "Shindand", "Ghorian",
             "Obe", "Karukh", "Khash Rod", "Delaram", "Gereshk", "Moqor", "Andar", "Chak",
             "Jaghori", "Nawur", "Bala Murghab", "Almar", "Dehdadi", "Shortepa", "Kaldar"]
PEOPLE = ["Abdul Rahim", "Gul Ahmad", "Farid Khan", "Nasima", "Hamidullah", "Mohammad Nabi",
          "Zarmina", "Abdul Qadir", "Rahmatullah", "Shah Wali", "Habiba", "Noorullah"]
VENUES = ["Doha", "Islamabad", "Tashkent", "Geneva", "Moscow", "Washington", "Tehran"]
VICTIMS = ["women and children", "farmers", "day labourers", "students", "police officers"]
ORDINALS = ["second", "third", "fourth", "fifth", "sixth"]
MONTHS = ["May", "June", "July"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday"]


def _filler(rng: random.Random) -> str:
    district, district2 = rng.sample(DISTRICTS, 2)
    return rng.choice(FILLER).format(
        n=rng.randrange(12, 5000), k=rng.randrange(2, 9), district=district, district2=district2,
        month=rng.choice(MONTHS), victims=rng.choice(VICTIMS), venue=rng.choice(VENUES),
        person=rng.choice(PEOPLE), ordinal=rng.choice(ORDINALS), weekday=rng.choice(WEEKDAYS),
    )


def _paragraph(rng: random.Random, mentions: list[tuple[str, str]]) -> str:
    place = rng.choice(list(SPELLINGS))
    surface = rng.choice(SPELLINGS[place])
    sentence = rng.choice(CLAIMS).format(place=surface, when=rng.choice(WHEN),
                                         said=rng.choice(ATTRIBUTION))
    mentions.append((surface, place))
    fill = [_filler(rng) for _ in range(3)]
    return " ".join([sentence.replace("  ", " ").replace(" ,", ","), *fill])


def generate_records(n: int, seed: int = 2021, size: int = 4000) -> list[dict]:
    """``n`` reports of about ``size`` characters, reproducibly, with what they mention.

    Each record has ``name``, ``text``, ``mentions`` (the capitals written
    into it: (surface as written, canonical name) pairs, the ground truth for
    recall) and ``copy_of`` (the name of the report it copies, or None: the
    ground truth for story grouping). About 15 % are syndicated near-copies of
    an earlier report and 10 % have no date line.
    """
    rng = random.Random(seed)
    start = date(2021, 7, 1)
    records: list[dict] = []
    for i in range(n):
        day = start + timedelta(days=rng.randrange(60))
        if records and rng.random() < 0.15:  # a syndicated near-copy of an earlier report
            original = rng.choice(records)
            body = original["text"]
            body = body.split(" ", 3)[-1] if body.startswith(" date ") else body
            text = f"(Wire) {body} Additional reporting by staff."
            mentions = list(original["mentions"])
            copy_of = original["name"]
        else:
            paragraphs: list[str] = []
            mentions = []
            copy_of = None
            while sum(len(p) + 2 for p in paragraphs) < size:
                paragraphs.append(_paragraph(rng, mentions))
            text = "\n\n".join(paragraphs)
        if rng.random() < 0.9:
            text = f" date {day.isoformat()} {text}"
        records.append({"name": f"gen_{i:06d}", "text": text, "mentions": mentions, "copy_of": copy_of})
    return records


def generate(n: int, seed: int = 2021, size: int = 4000) -> list[tuple[str, str]]:
    """``n`` (name, text) pairs of about ``size`` characters each, reproducibly."""
    return [(r["name"], r["text"]) for r in generate_records(n, seed, size)]


def copies_path(out: Path) -> Path:
    """Where :func:`write` puts the (copy, original) names: beside ``out``, not in it."""
    return out.with_name(out.name + ".copies.json")


def write(n: int, out: Path, seed: int = 2021) -> list[dict]:
    """Write ``n`` generated reports as ``.txt`` files into ``out``; return the records.

    The (copy, original) pairs of names go to :func:`copies_path` as JSON.
    """
    out.mkdir(parents=True, exist_ok=True)
    records = generate_records(n, seed)
    for record in records:
        (out / f"{record['name']}.txt").write_text(record["text"], encoding="utf-8")
    pairs = [(r["name"], r["copy_of"]) for r in records if r["copy_of"] is not None]
    copies_path(out).write_text(json.dumps(pairs), encoding="utf-8")
    return records


def main(argv: list[str]) -> None:
    n, out = int(argv[0]), Path(argv[1])
    write(n, out)
    print(f"wrote {n} reports to {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
