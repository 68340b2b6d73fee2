"""The client documents' catalogues: Dutch for each sentence a language lacks, and a list of what is lacking."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from shelter_desk.domain.errors import DeskError
from shelter_desk.paths import resource
from shelter_desk.reports.catalogue import Catalogues, catalogues, check_language, long_date, money

SHIPPED = {"nl", "en", "pl", "ro", "bg", "ar", "uk"}


def own_catalogues(tmp_path: Path, po_text: str, name: str = "fy.po") -> Catalogues:
    """The shipped catalogues plus an organisation's own file in its folder."""
    folder = tmp_path / "documenten"
    folder.mkdir()
    (folder / name).write_text(po_text, encoding="utf-8")
    return Catalogues([resource("documents"), folder])


FRISIAN = """
msgid ""
msgstr ""
"Language: fy\\n"
"Content-Type: text/plain; charset=utf-8\\n"

msgid "meta.language_name"
msgstr "Frysk"

msgid "meta.language_name_dutch"
msgstr "Fries"

msgid "house_rules.title"
msgstr "Húsregels"

#, fuzzy
msgid "house_rules.rule_5"
msgstr "Smoke mei allinne bûten."

msgid "house_rules.rule_7"
msgstr "In nacht kost {priis}."
"""


def test_every_shipped_language_has_every_sentence():
    assert {language.code for language in catalogues().languages()} == SHIPPED
    assert catalogues().missing() == []
    assert catalogues().problems == []


def test_a_missing_sentence_prints_in_dutch_and_the_others_in_the_language(tmp_path):
    texts = own_catalogues(tmp_path, FRISIAN)
    assert texts.text("fy", "house_rules.title") == "Húsregels"
    assert texts.text("fy", "house_rules.rule_2") == "Geen alcohol en geen drugs in het gebouw."


def test_a_fuzzy_translation_is_not_printed(tmp_path):
    texts = own_catalogues(tmp_path, FRISIAN)
    assert texts.text("fy", "house_rules.rule_5") == "Roken mag alleen buiten."


def test_a_translation_with_other_placeholders_falls_back_to_dutch(tmp_path):
    texts = own_catalogues(tmp_path, FRISIAN)
    assert texts.text("fy", "house_rules.rule_7", fee="€ 2,50") == "Een nacht kost € 2,50. U betaalt aan de balie."


def test_every_lacking_sentence_is_listed_with_its_dutch_text(tmp_path):
    texts = own_catalogues(tmp_path, FRISIAN)
    lacking = {item.key: item for item in texts.missing() if item.language == "fy"}
    assert "house_rules.rule_2" in lacking and "house_rules.title" not in lacking
    assert lacking["house_rules.rule_5"].reason == "onzeker (fuzzy)"
    assert lacking["house_rules.rule_7"].dutch == "Een nacht kost {fee}. U betaalt aan de balie."
    assert all(item.language == "fy" for item in texts.missing())


def test_an_organisation_may_change_a_shipped_sentence(tmp_path):
    own = '\nmsgid "house_rules.rule_5"\nmsgstr "Roken mag alleen in de rookruimte."\n'
    texts = own_catalogues(tmp_path, own, name="nl.po")
    assert texts.text("nl", "house_rules.rule_5") == "Roken mag alleen in de rookruimte."
    assert texts.text("pl", "house_rules.rule_5") == "Palić można tylko na zewnątrz."


def test_an_unknown_language_is_refused_naming_the_known_ones():
    with pytest.raises(DeskError, match="Voor de taal 'xx' zijn geen documentteksten.*pl \\(Pools\\)"):
        check_language("xx")


def test_dates_and_money_follow_the_language():
    assert long_date(date(2026, 12, 7), "nl") == "7 december 2026"
    assert long_date(date(2026, 12, 7), "pl") == "7 grudnia 2026"
    assert money(Decimal("2.50"), "nl").replace("\xa0", " ") == "€ 2,50"
    assert money(Decimal("2.50"), "en") == "€2.50"


def test_the_shipped_catalogues_are_gettext_files_babel_reads(tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(resource("documents"), copy)
    assert {path.stem for path in copy.glob("*.po")} == SHIPPED
    assert Catalogues([copy]).missing() == []
