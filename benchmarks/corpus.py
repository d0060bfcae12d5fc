"""Generate a synthetic corpus of news-like reports for benchmarks.

Every sentence here is a template written for afgmap; no article text is used.
Reports are ~4 KB, carry a date line (or not), name capitals in varied
spellings (including typos), use relative dates, claims, denials and fillers,
and a share of them are syndicated near-copies of an earlier report.

Usage::

    python benchmarks/corpus.py N OUT_DIR      # writes N .txt reports
"""

from __future__ import annotations

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
    "Taliban fighters seized {place} {when}, a provincial council member said.",
    "The Taliban said in a statement that they had captured {place} {when}.",
    "Heavy fighting was reported on the outskirts of {place} {when}, residents said.",
    "{place} has been under siege for days, according to a local official.",
    "The defence ministry said commandos had retaken parts of {place} {when}.",
    "A government spokesman denied that {place} had fallen.",
    "Street-to-street fighting continued in {place} {when}, a lawmaker told reporters.",
    "{place} may be the next city to fall, analysts warned.",
    "The insurgents briefly overran {place} in 2015 but never held it.",
]
FILLER = [
    "Aid agencies said thousands of families had fled to safer districts in recent weeks.",
    "Prices of flour and cooking oil have doubled in local markets, traders said.",
    "The offensive began in May as foreign troops started the final stage of their withdrawal.",
    "Officials in the capital have promised reinforcements, but few have arrived so far.",
    "Hospitals reported dozens of wounded civilians, many of them women and children.",
    "Diplomats in Doha urged both sides to return to stalled peace talks.",
    "Militia commanders loyal to local strongmen have mobilised hundreds of fighters.",
    "Mobile phone networks were cut in several districts, making reports hard to verify.",
    "The United Nations said it was deeply concerned about reports of reprisal killings.",
    "Analysts said the speed of the advance had surprised even seasoned observers.",
    "Schools and clinics remained closed as residents waited for the fighting to end.",
    "Highway traffic between the northern cities was halted for a third day.",
]


def _paragraph(rng: random.Random) -> str:
    place = rng.choice(list(SPELLINGS))
    sentence = rng.choice(CLAIMS).format(place=rng.choice(SPELLINGS[place]), when=rng.choice(WHEN))
    fill = rng.sample(FILLER, 3)
    return " ".join([sentence.replace("  ", " ").replace(" ,", ","), *fill])


def generate(n: int, seed: int = 2021, size: int = 4000) -> list[tuple[str, str]]:
    """``n`` (name, text) pairs of about ``size`` characters each, reproducibly."""
    rng = random.Random(seed)
    start = date(2021, 7, 1)
    reports: list[tuple[str, str]] = []
    for i in range(n):
        day = start + timedelta(days=rng.randrange(60))
        if reports and rng.random() < 0.15:  # a syndicated near-copy of an earlier report
            _, body = rng.choice(reports)
            body = body.split(" ", 3)[-1] if body.startswith(" date ") else body
            text = f"(Wire) {body} Additional reporting by staff."
        else:
            paragraphs = []
            while sum(len(p) + 2 for p in paragraphs) < size:
                paragraphs.append(_paragraph(rng))
            text = "\n\n".join(paragraphs)
        if rng.random() < 0.9:
            text = f" date {day.isoformat()} {text}"
        reports.append((f"gen_{i:06d}", text))
    return reports


def main(argv: list[str]) -> None:
    n, out = int(argv[0]), Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for name, text in generate(n):
        (out / f"{name}.txt").write_text(text, encoding="utf-8")
    print(f"wrote {n} reports to {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
