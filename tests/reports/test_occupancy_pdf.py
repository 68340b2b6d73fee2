"""The printed occupancy list and evacuation roll-call: every bed, names exactly as registered, page N of M.

The PDFs are built from hand-made `OccupancyList` data (no database) and read back with pypdf.
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime, timezone

import pypdf

from shelter_desk.reports.occupancy_data import OccupancyList, OccupancyRow
from shelter_desk.reports.occupancy_pdf import render_occupancy_list, render_roll_call

INTERNATIONAL_NAMES = ("Łukasz Wiśniewski", "Ştefan Popescu", "Ayşe Yılmaz", "Ğülsüm Doğan", "Дмитрий Иванов")


def guest(bed: str, name: str, *, birth_year: str = "1980", check_in: str = "21:00", remarks: str = "",
          safety_note: str = "", overflow: bool = False) -> OccupancyRow:
    return OccupancyRow(bed=bed, is_overflow=overflow, name=name, birth_year=birth_year, check_in=check_in,
                        remarks=remarks, safety_note=safety_note)


def free_bed(bed: str) -> OccupancyRow:
    return OccupancyRow(bed=bed, is_overflow=False, name="", birth_year="", check_in="", remarks="", safety_note="")


def occupancy(rows, *, capacity: int | None = None, is_demo: bool = False) -> OccupancyList:
    return OccupancyList(
        facility="Nachtopvang De Haven",
        facility_kind="Nachtopvang",
        address="Havenstraat 12, 9401 AB Assen",
        night=date(2026, 11, 24),
        night_text="nacht van dinsdag 24 op woensdag 25 november 2026",
        printed_at=datetime(2026, 11, 24, 21, 47, tzinfo=timezone.utc),
        printed_by="Marieke",
        rows=tuple(rows),
        capacity=len(rows) if capacity is None else capacity,
        is_demo=is_demo,
    )


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def all_text(pdf: bytes) -> str:
    return "\n".join(page_texts(pdf))


def flat(text: str) -> str:
    """Text with every run of whitespace as one space: a cell may wrap a note over several lines."""
    return " ".join(text.split())


def test_the_list_holds_every_bed_and_each_occupant_with_the_totals():
    rows = [guest("B1", "Jan de Vries"), free_bed("B2"), guest("B3", "Karel Appel"), guest("U1", "Fatima Bakr", overflow=True)]

    text = all_text(render_occupancy_list(occupancy(rows, capacity=4)))

    for bed in ("B1", "B2", "B3", "U1 (extra)"):
        assert bed in text
    for name in ("Jan de Vries", "Karel Appel", "Fatima Bakr"):
        assert name in text
    assert "Bezet: 3" in text
    assert "Vrij: 1" in text
    assert "Capaciteit: 4" in text


def test_the_header_names_the_facility_the_night_and_who_printed_it_in_amsterdam_time():
    text = all_text(render_occupancy_list(occupancy([guest("B1", "Jan de Vries")])))

    assert "Bezettingslijst" in text
    assert "Nachtopvang De Haven" in text
    assert "Havenstraat 12, 9401 AB Assen" in text
    assert "Nacht van dinsdag 24 op woensdag 25 november 2026" in text
    assert "Afgedrukt op 24-11-2026 22:47 door Marieke" in text  # 21:47 UTC is 22:47 in Amsterdam


def test_names_in_any_script_print_exactly_as_registered_in_the_embedded_dejavu_font():
    rows = [guest(f"B{number}", name) for number, name in enumerate(INTERNATIONAL_NAMES, start=1)]

    for render in (render_occupancy_list, render_roll_call):
        pdf = render(occupancy(rows))
        text = all_text(pdf)
        for name in INTERNATIONAL_NAMES:
            assert name in text
        assert b"DejaVu" in pdf
        assert b"Helvetica" not in pdf  # no fallback to a font without these letters


def test_a_long_list_runs_over_several_pages_and_every_page_says_page_n_of_the_total():
    rows = [guest(f"B{number}", f"Gast nummer {number}") for number in range(1, 81)]

    pages = page_texts(render_occupancy_list(occupancy(rows)))

    total = len(pages)
    assert total > 1
    for number, text in enumerate(pages, start=1):
        assert f"Pagina {number} van {total}" in text
        assert "Vertrouwelijk — niet laten liggen, na gebruik vernietigen" in text
        assert "Naam / alias" in text  # the column headings repeat on each page
    printed = set(re.findall(r"Gast nummer (\d+)", "\n".join(pages)))
    assert printed == {str(number) for number in range(1, 81)}


def test_the_roll_call_lists_only_occupied_beds_sorted_by_name_ignoring_case_and_accents():
    rows = [
        guest("B1", "Marco Rossi"),
        free_bed("B2"),
        guest("B3", "bram Jansen"),
        guest("B4", "Łukasz Wiśniewski"),
        free_bed("B5"),
        guest("B6", "Anna de Wit"),
        guest("B7", "Karel Appel"),
    ]

    text = all_text(render_roll_call(occupancy(rows)))

    order = ["Anna de Wit", "bram Jansen", "Karel Appel", "Łukasz Wiśniewski", "Marco Rossi"]
    positions = [text.index(name) for name in order]
    assert positions == sorted(positions)
    assert "B2" not in text and "B5" not in text
    assert "vrij" not in text
    assert "Aantal personen: 5" in text
    assert "Verzamelplaats geteld door:" in text and "Tijd:" in text


def test_the_roll_call_prints_nothing_but_name_bed_and_birth_year():
    rows = [guest("B1", "Jan de Vries", check_in="21:14", remarks="gereserveerd", safety_note="Geen alcohol")]

    text = all_text(render_roll_call(occupancy(rows)))

    assert "Appèllijst ontruiming" in text
    assert "Jan de Vries" in text and "B1" in text and "1980" in text
    for withheld in ("21:14", "gereserveerd", "Geen alcohol", "Veiligheid"):
        assert withheld not in text


def test_a_demo_list_carries_the_demo_mark_on_every_page():
    rows = [guest(f"B{number}", f"Gast nummer {number}") for number in range(1, 81)]

    for render in (render_occupancy_list, render_roll_call):
        pages = page_texts(render(occupancy(rows, is_demo=True)))
        assert len(pages) > 1
        for text in pages:
            assert "DEMO — fictieve personen" in text


def test_a_real_list_carries_no_demo_mark():
    text = all_text(render_occupancy_list(occupancy([guest("B1", "Jan de Vries")])))

    assert "DEMO" not in text


def test_a_free_bed_prints_as_free_and_a_safety_note_is_printed():
    rows = [free_bed("B1"), guest("B2", "Jan de Vries", safety_note="Niet op kamer met B7")]

    text = flat(all_text(render_occupancy_list(occupancy(rows))))

    assert "B1 — vrij —" in text
    assert "Niet op kamer met B7" in text


def test_names_with_markup_characters_print_as_typed():
    text = all_text(render_occupancy_list(occupancy([guest("B1", "Tom & Jerry <de Boer>")])))

    assert "Tom & Jerry <de Boer>" in text


def test_the_pdf_metadata_names_the_document_and_shelter_desk_but_no_guest():
    pdf = render_occupancy_list(occupancy([guest("B1", "Jan de Vries")]))

    metadata = pypdf.PdfReader(io.BytesIO(pdf)).metadata
    assert metadata.author == "Shelter Desk"
    assert metadata.title.startswith("Bezettingslijst")
    assert "Jan de Vries" not in " ".join(str(value) for value in metadata.values())


def test_numbers_in_roll_call_names_sort_as_numbers():
    rows = [guest("B1", "Gast 10"), guest("B2", "Gast 9"), guest("B3", "Gast 100")]

    text = all_text(render_roll_call(occupancy(rows)))

    assert text.index("Gast 9") < text.index("Gast 10") < text.index("Gast 100")


def test_one_ten_thousand_character_name_does_not_stop_the_occupancy_list():
    huge = "Abcdefghij" * 1000
    rows = [guest("1", huge, remarks="x" * 10_000, safety_note="y " * 5_000), guest("2", "Jan Berg")]
    texts = page_texts(render_occupancy_list(occupancy(rows)))
    assert len(texts) == 1
    assert "Jan Berg" in texts[0] and "…" in texts[0]


def test_one_ten_thousand_character_name_does_not_stop_the_roll_call():
    rows = [guest("1", "Q" * 10_000), guest("2", "Jan Berg")]
    text = all_text(render_roll_call(occupancy(rows)))
    assert "Jan Berg" in text and "Aantal personen: 2" in text


def test_control_and_direction_characters_are_not_printed():
    text = all_text(render_occupancy_list(occupancy([guest("1", "Jan\x00\x07 Berg\u202e")])))
    assert "Jan Berg" in text and "\u202e" not in text and "\x07" not in text
