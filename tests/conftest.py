"""Shared fixtures: the repository's folders, the demo corpus and its pipeline results."""

import warnings
from pathlib import Path

import pandas as pd
import pytest

import afgmap

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"

#: A report written to attack the HTML: its text must never run in a page.
HOSTILE_SENTENCE = (
    'Fighters seized Zaranj <script>window.__pwned = 1</script> and '
    '<img src=x onerror="window.__pwned = 2"> "quoted" & \'single\' `${window.__pwned = 3}`.'
)


def pytest_report_header(config):
    """Say which afgmap is under test: the checkout's, or an installed (maybe compiled) build."""
    compiled = afgmap.claims.__file__.endswith((".so", ".pyd"))
    build = "compiled by mypyc" if compiled else "pure Python"
    return f"afgmap: {Path(afgmap.__file__).parent} ({build})"


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_claims() -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return afgmap.extract_claims(afgmap.read_reports(SEEDS))


@pytest.fixture(scope="session")
def seed_timeline(seed_claims) -> pd.DataFrame:
    return afgmap.build_timeline(seed_claims)


@pytest.fixture(scope="session")
def hostile_claims(seed_claims) -> pd.DataFrame:
    """The seed claims plus one from a report that carries script and markup."""
    reports = pd.DataFrame({"id": ["evil<b>"], "date": ["2021-08-07"], "text": [HOSTILE_SENTENCE]})
    extra = afgmap.extract_claims(afgmap.read_reports(reports))
    assert len(extra) == 1
    return pd.concat([seed_claims, extra], ignore_index=True)


#: Injection attempts, one per report (and in the report's id), each naming its own capital.
INJECTIONS = [
    ("Zaranj", "<script>window.__pwned = 'script'</script>"),
    ("Sheberghan", "<img src=x onerror=\"window.__pwned = 'img'\">"),
    ("Taloqan", "\"><svg onload=\"window.__pwned = 'svg'\">"),
    ("Kunduz", "</script><script>window.__pwned = 'close'</script>"),
    ("Farah", "`${window.__pwned = 'template'}`"),
    ("Ghazni", "<iframe srcdoc=\"<script>parent.__pwned = 'iframe'</script>\"></iframe>"),
    ("Herat", "<a href=\"javascript:window.__pwned = 'href'\">click</a> {{7*7}} <!-- ]]>"),
    ("Kandahar", "\u2028\u2029 \u202e<b onmouseover=\"window.__pwned = 'rtl'\">ﻃﺎﻟﺒﺎﻥ</b>"),
    ("Aybak", "<style>*{display:none}</style><math><mi xlink:href=\"javascript:alert(1)\">"),
    # Jinja, which branca runs over a map's scripts a second time: this would run Python
    ("Gardez", "{{ lipsum.__globals__['os'].environ.setdefault('AFGMAP_PWNED', 'yes') }} {% raw %}"),
]


@pytest.fixture(scope="session")
def injection_claims() -> pd.DataFrame:
    """Claims from reports whose text and ids carry the INJECTIONS."""
    reports = pd.DataFrame({
        "id": [f"{payload[:12]}#{i}" for i, (_, payload) in enumerate(INJECTIONS)],
        "date": ["2021-08-08"] * len(INJECTIONS),
        "text": [f"On Friday fighters seized {capital}, witnesses said {payload}."
                 for capital, payload in INJECTIONS],
    })
    claims = afgmap.extract_claims(afgmap.read_reports(reports))
    assert sorted(claims["place"]) == sorted(capital for capital, _ in INJECTIONS)
    return claims
