"""The command line's client documents: `print <document> --person ID [--language]` and `documents check`."""

from __future__ import annotations

import sqlite3
import subprocess

import pytest

from shelter_desk.cli import main
from shelter_desk.reports.catalogue import FOLDER_ENV, catalogues


@pytest.fixture
def demo(tmp_path):
    path = tmp_path / "demo.sqlite"
    assert main(["--database", str(path), "--onversleuteld", "demo"]) == 0
    return path


def _person(path, first_name: str) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT id FROM person WHERE first_name = ?", (first_name,)).fetchone()[0]


def _text(path) -> str:
    return " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split())


def _print(demo, *arguments: str) -> int:
    return main(["--database", str(demo), "--onversleuteld", "print", *arguments])


def test_the_house_rules_print_in_the_persons_own_language(demo, tmp_path):
    out = tmp_path / "huisregels.pdf"
    assert _print(demo, "house-rules", "--person", str(_person(demo, "Łukasz")), "--out", str(out)) == 0
    assert "Regulamin" in _text(out) and "Łukasz Wiśniewski" in _text(out)


def test_the_language_option_overrides_the_persons_language(demo, tmp_path):
    out = tmp_path / "huisregels.pdf"
    assert (
        _print(demo, "house-rules", "--person", str(_person(demo, "Łukasz")), "--language", "en", "--out", str(out))
        == 0
    )
    assert "House rules" in _text(out)


def test_the_card_prints_front_and_back_in_the_persons_language(demo, tmp_path):
    out = tmp_path / "kaart.pdf"
    assert _print(demo, "card", "--person", str(_person(demo, "Henk")), "--language", "ro", "--out", str(out)) == 0
    assert "Card de client" in _text(out)


def test_a_document_for_which_the_person_has_nothing_fails_in_dutch(demo, tmp_path, capsys):
    out = tmp_path / "brief.pdf"
    assert _print(demo, "transfer-letter", "--person", str(_person(demo, "Henk")), "--out", str(out)) == 1
    assert "geen overdracht vastgelegd" in capsys.readouterr().err
    assert not out.exists()


def test_documents_check_passes_with_the_shipped_texts(capsys):
    catalogues.cache_clear()
    assert main(["documents", "check"]) == 0
    assert "Pools (Polski) [pl]: compleet" in capsys.readouterr().out


def test_documents_check_lists_a_lacking_sentence_and_exits_1(tmp_path, monkeypatch, capsys):
    (tmp_path / "en.po").write_text('msgid "house_rules.rule_5"\nmsgstr ""\n', encoding="utf-8")
    (tmp_path / "fy.po").write_text('msgid "meta.language_name"\nmsgstr "Frysk"\n', encoding="utf-8")
    monkeypatch.setenv(FOLDER_ENV, str(tmp_path))
    catalogues.cache_clear()
    try:
        assert main(["documents", "check"]) == 1
    finally:
        catalogues.cache_clear()
    out = capsys.readouterr().out
    assert "Engels (English) [en]: compleet" in out  # an empty msgstr leaves the shipped sentence
    assert "Frysk [fy]: " in out and "house_rules.rule_2 (ontbreekt of is leeg): Geen alcohol" in out
