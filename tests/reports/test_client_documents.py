"""Client documents in every shipped language: each sentence and the name come out of the PDF as written.

The PDFs are built from hand-made data (no database) and read back with pdftotext, which gives
right-to-left text back in logical order; Arabic is compared after NFKC (the presentation forms
the shaping draws are compatibility forms of the letters) without the direction marks pdftotext adds.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from shelter_desk.reports.catalogue import DUTCH, catalogues
from shelter_desk.reports.client_card_data import CardData
from shelter_desk.reports.client_card_pdf import render_client_card
from shelter_desk.reports.client_documents import (
    DUTCH_FOOT,
    TEXTS,
    ClientDocument,
    DocumentKind,
    render_client_document,
)
from shelter_desk.reports.letter_data import Letterhead
from shelter_desk.reports.referral_data import ReferralSlip
from shelter_desk.reports.referral_slip import render_referral_slip

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")

SHIPPED = ("nl", "en", "pl", "ro", "bg", "ar", "uk")
NAMES = {"ar": "أحمد حسن", "bg": "Димитър Петров", "uk": "Ольга Петренко", "ro": "Ştefan Popescu"}
LETTERHEAD = Letterhead("Leger des Heils", "Nachtopvang Havenkade Assen", "Havenkade 1, 9401 AB Assen")
# An Arabic sentence pdftotext gives back as one run: letters and spaces, with at most a final full stop.
WHOLE_RUN = re.compile(r"[\u0621-\u064a ]+\.?")
KEY = re.compile(r"\b(?:meta|common|house_rules|postal|referral|card|transfer)\.[a-z_0-9]+")
_DIRECTION_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def text_of(pdf: bytes) -> str:
    """The PDF's text in reading order, logical for Arabic, with all whitespace as single spaces."""
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return " ".join(unicodedata.normalize("NFKC", out.translate(_DIRECTION_MARKS)).split())


def same_form(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def document(kind: DocumentKind, language: str) -> ClientDocument:
    name = NAMES.get(language, "Łukasz Wiśniewski")
    facts = {
        DocumentKind.HOUSE_RULES: (),
        DocumentKind.POSTAL_CONSENT: (name, date(1987, 6, 12), LETTERHEAD.address, date(2026, 12, 1), None),
        DocumentKind.TRANSFER_LETTER: (name, date(2026, 11, 30), "mw. De Boer"),
    }[kind]
    return ClientDocument(
        kind=kind,
        language=language,
        letterhead=LETTERHEAD,
        person=name,
        place="Assen",
        dated=date(2026, 12, 7),
        values={"location": "Havenkade", "fee": Decimal("2.50"), "provider": "Leger des Heils", "region": "Emmen"},
        facts=facts,
    )


def pure_sentences(kind: DocumentKind, language: str, *, signatures: bool = True) -> list[str]:
    """The document's sentences without a placeholder, in `language` (placeholders are checked apart)."""
    text = TEXTS[kind]
    keys = (text.title, *text.paragraphs, *text.closing, *(text.signatures if signatures else ()))
    raw = [catalogues().text(language, key) for key in keys]
    return [sentence for sentence in raw if "{" not in sentence]


@pytest.mark.parametrize("language", SHIPPED)
@pytest.mark.parametrize("kind", list(TEXTS))
def test_a_client_document_prints_its_sentences_and_the_name_in_the_language(kind, language):
    printed = text_of(render_client_document(document(kind, language)))
    for sentence in pure_sentences(kind, language):
        if language == "ar" and not WHOLE_RUN.fullmatch(sentence):
            # pdftotext splits a right-to-left line into runs at commas and numbers: word by word.
            assert all(word.strip(".،؟:()") in printed for word in sentence.split())
            continue
        assert same_form(sentence) in printed, f"{language}: {sentence!r} missing"
    assert same_form(NAMES.get(language, "Łukasz Wiśniewski")) in printed
    assert not KEY.search(printed), "a sentence key was printed"


@pytest.mark.parametrize("kind", list(TEXTS))
def test_a_document_in_another_language_carries_the_dutch_text_in_small_type(kind):
    printed = text_of(render_client_document(document(kind, "pl")))
    assert DUTCH_FOOT in printed
    for sentence in pure_sentences(kind, DUTCH, signatures=False):
        assert same_form(sentence) in printed


def test_a_dutch_document_has_no_second_dutch_text():
    assert DUTCH_FOOT not in text_of(render_client_document(document(DocumentKind.HOUSE_RULES, "nl")))


@pytest.mark.parametrize("language", SHIPPED)
def test_the_house_rules_fit_one_page_with_the_fee_in_the_languages_money(language):
    pdf = render_client_document(document(DocumentKind.HOUSE_RULES, language))
    assert _pages(pdf) == 1
    fee = {"nl": "€ 2,50", "en": "€2.50", "pl": "2,50 €", "ro": "2,50 EUR", "bg": "2,50 €"}.get(language)
    if fee is not None:
        assert fee in text_of(pdf).replace("\xa0", " ")


def _pages(pdf: bytes) -> int:
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def test_arabic_comes_back_in_logical_order_equal_to_the_source():
    pdf = render_client_document(document(DocumentKind.HOUSE_RULES, "ar"))
    printed = text_of(pdf)
    sentences = [
        catalogues().text("ar", key) for key in ("house_rules.title", "house_rules.rule_5", "house_rules.rule_8")
    ]
    assert sentences[1] == "التدخين مسموح في الخارج فقط."  # "Smoking is only allowed outside."
    for source in sentences:
        assert source in printed


def test_the_referral_slip_speaks_the_persons_language_with_the_dutch_below():
    slip = ReferralSlip(
        person="أحمد حسن",
        night_text="nacht van maandag 7 op dinsdag 8 december 2026",
        facility="Nachtopvang Emmen",
        facility_kind="Nachtopvang",
        address="Breehof 3, 7811 AA Emmen",
        phone="0591 000 000",
        bed="2",
        status="gereserveerd",
        referred_by="Marieke",
        referred_from="Regio Assen",
        printed_at=datetime(2026, 12, 7, 20, 0, tzinfo=UTC),
        no_show_hour="23:00",
        language="ar",
        night=date(2026, 12, 7),
    )
    printed = text_of(render_referral_slip(slip))
    for key in ("referral.go_to", "referral.phone", "referral.reserved"):
        assert same_form(catalogues().text("ar", key)) in printed
    assert all(word in printed for word in catalogues().text("ar", "referral.title").replace(":", "").split())
    assert "أحمد حسن" in printed
    assert "0591 000 000" in printed and "Breehof 3, 7811 AA Emmen" in printed
    assert "Meld u vóór 23:00 uur" in printed  # the Dutch instructions in small type


@pytest.mark.parametrize("language", SHIPPED)
def test_the_back_of_the_card_says_in_the_language_what_to_do_when_it_is_lost(language):
    card = CardData(
        organisation="Leger des Heils",
        location="Nachtopvang Havenkade Assen",
        name="Henk",
        number="4829103755",
        number_text="4829 1037 55",
        issued_on=date(2026, 12, 7),
        language=language,
        return_to="Havenkade 1, Assen",
    )
    pdf = render_client_card(card)
    assert _pages(pdf) == 2
    back = text_of(pdf).split("4829 1037 55", 1)[1]
    assert same_form(catalogues().text(language, "card.title")) in back
    if language != "ar":  # the Arabic lines wrap around the Dutch address, checked by looking
        assert same_form(catalogues().text(language, "card.lost")) in back
