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
