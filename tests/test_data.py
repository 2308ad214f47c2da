"""Every packaged data file loads against its schema; a broken file names the file and key."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

import parley
from parley.data.loaders import load_actor_files, load_actors, load_reference
from parley.errors import DataFileError
from parley.settings import load_options

from .helpers import ROOT


def test_packaged_actor_dictionary_loads_and_is_broad():
    data = load_actors()
    kinds = {a.kind for a in data.actors}
    assert {"person", "org", "state"} <= kinds
    states = [a for a in data.actors if a.kind == "state"]
    assert len(states) >= 190
    assert all(a.country and len(a.country) == 2 and a.country.isupper() for a in states)


def test_reference_file_loads():
    ref = load_reference()
    assert "company" in ref.nominals and "he" in ref.pronouns and "in" in ref.locative_preps


def test_a_bad_actor_file_names_the_file_and_key(tmp_path):
    bad = tmp_path / "bad-actors.yaml"
    bad.write_text("version: 1\noffices: []\nactors:\n  - name: X\n    kind: planet\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"\[bad-actors.yaml -> actors -> 0 -> kind\]"):
        load_actors(str(bad))


def test_a_term_with_an_unknown_office_is_refused(tmp_path):
    bad = tmp_path / "terms.yaml"
    bad.write_text("version: 1\noffices: []\nactors:\n  - {name: Y, kind: person, terms: [{office: nowhere, start: 2020-01-01}]}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="unknown office 'nowhere'"):
        load_actor_files(None, (str(bad),))


def test_extra_dictionary_extends_the_packaged_one(tmp_path):
    extra = tmp_path / "local.yaml"
    extra.write_text(
        """version: 1
offices:
  - {id: mayor-lviv, title: Mayor of Lviv, country: UA, roles: [mayor]}
actors:
  - name: Andriy Sadovyi
    kind: person
    country: UA
    gender: m
    aliases: [Sadovyi, Andrii Sadovyi]
    terms: [{office: mayor-lviv, start: 2006-04-12}]
""",
        encoding="utf-8",
    )
    options = load_options(actors__extra_dictionaries=[str(extra)])
    record = parley.extract("The Ukrainian mayor Andrii Sadovyi spoke. Sadovyi said the city was calm.", published=dt.date(2025, 3, 1), options=options)
    assert {m.text: m.actor for m in record.mentions}["Sadovyi"] == "Andriy Sadovyi"


def test_given_names_load_with_genders():
    from parley.data.loaders import load_given_names

    names = load_given_names()
    assert len(names) > 2000
    assert names["amanda"].gender == "f" and names["james"].gender == "m" and names["jordan"].gender in {"m", ""}


def test_a_bad_given_names_file_names_the_line(tmp_path):
    from parley.data.loaders import load_given_names

    bad = tmp_path / "names.tsv"
    bad.write_text("name\tgender\tper_100k\namanda\tx\t2.0\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"names.tsv -> line 2 -> gender"):
        load_given_names(str(bad))


def test_given_names_file_is_what_the_script_builds():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_given_names.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
