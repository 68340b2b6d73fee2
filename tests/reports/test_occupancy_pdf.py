"""The printed occupancy list and evacuation roll-call: every bed, names exactly as registered, page N of M.

The PDFs are built from hand-made `OccupancyList` data (no database) and read back with pypdf.
"""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime

import pypdf

from shelter_desk.reports.occupancy_data import OccupancyList, OccupancyRow, Presence
from shelter_desk.reports.occupancy_pdf import render_occupancy_list, render_roll_call

MM = 72 / 25.4  # PDF points per millimetre

INTERNATIONAL_NAMES = ("Łukasz Wiśniewski", "Ştefan Popescu", "Ayşe Yılmaz", "Ğülsüm Doğan", "Дмитрий Иванов")


def guest(
    bed: str,
    name: str,
    *,
    birth_year: str = "1980",
    check_in: str = "21:00",
    remarks: str = "",
    safety_note: str = "",
    overflow: bool = False,
    presence: Presence = Presence.INSIDE,
) -> OccupancyRow:
    return OccupancyRow(
        bed=bed,
        is_overflow=overflow,
        name=name,
        birth_year=birth_year,
        check_in=check_in,
        remarks=remarks,
        safety_note=safety_note,
        presence=presence,
    )


def expected(bed: str, name: str) -> OccupancyRow:
    return guest(bed, name, check_in="", remarks="gereserveerd", presence=Presence.EXPECTED)


def roll_call_sections(pdf: bytes) -> dict[str, list[str]]:
    """The names under each heading of the roll-call's first page, in reading order.

    Each section prints in two halves (down the left, then down the right), so the text is read
    back with its position: a name belongs to the section whose heading stands above it, and
    within a section the left half comes before the right, top to bottom.
    """
    fragments: list[tuple[float, float, str]] = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            fragments.append((cm[4] + tm[4], cm[5] + tm[5], text.strip()))

    pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    headings = sorted(
        (
            (y, text.split(" (")[0])
            for x, y, text in fragments
            if text.startswith(("Binnen (", "Verwacht / niet binnen ("))
        ),
        reverse=True,
    )
    left_name, right_name = 15 * MM + 8 * MM, 15 * MM + 98 * MM  # the name columns of the two halves
    sections: dict[str, list[tuple[int, float, str]]] = {heading: [] for _y, heading in headings}
    for x, y, text in fragments:
        half = 0 if abs(x - left_name) < 4 * MM else 1 if abs(x - right_name) < 4 * MM else None
        above = [heading for heading_y, heading in headings if heading_y > y]
        if half is None or not above or text == "Naam / alias":
            continue
        sections[above[-1]].append((half, -y, text))
    return {heading: [text for _h, _y, text in sorted(names)] for heading, names in sections.items()}


def free_bed(bed: str) -> OccupancyRow:
    return OccupancyRow(bed=bed, is_overflow=False, name="", birth_year="", check_in="", remarks="", safety_note="")


def occupancy(rows, *, capacity: int | None = None, is_demo: bool = False) -> OccupancyList:
    return OccupancyList(
        facility="Nachtopvang De Haven",
        facility_kind="Nachtopvang",
        address="Havenstraat 12, 9401 AB Assen",
        night=date(2026, 11, 24),
        night_text="nacht van dinsdag 24 op woensdag 25 november 2026",
        printed_at=datetime(2026, 11, 24, 21, 47, tzinfo=UTC),
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
    rows = [
        guest("B1", "Jan de Vries"),
        free_bed("B2"),
        guest("B3", "Karel Appel"),
        guest("U1", "Fatima Bakr", overflow=True),
    ]

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
    assert roll_call_sections(render_roll_call(occupancy(rows)))["Binnen"] == order
    assert "B2" not in text and "B5" not in text
    assert "vrij" not in text
    assert "Aantal personen: 5 binnen, 0 niet binnen" in text
    assert "Geteld door:" in text and "Tijd:" in text


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

    names = roll_call_sections(render_roll_call(occupancy(rows)))["Binnen"]

    assert names == ["Gast 9", "Gast 10", "Gast 100"]


def test_the_roll_call_puts_who_checked_in_under_binnen_and_the_reserved_apart_with_both_counts_on_top():
    rows = [
        guest("1", "Jan van der Berg"),
        expected("2", "Henk Bakker"),
        guest("3", "Łukasz Wiśniewski"),
        expected("4", "Ştefan Popescu"),
        expected("5", "Kees Müller"),
        expected("6", "Daan Visser"),
        expected("7", "Ruud de Graaf"),
        expected("8", "Sjors"),
    ]

    pdf = render_roll_call(occupancy(rows))

    sections = roll_call_sections(pdf)
    assert sections["Binnen"] == ["Jan van der Berg", "Łukasz Wiśniewski"]
    assert sections["Verwacht / niet binnen"] == [
        "Daan Visser",
        "Henk Bakker",
        "Kees Müller",
        "Ruud de Graaf",
        "Sjors",
        "Ştefan Popescu",
    ]
    first_lines = [flat(line) for line in page_texts(pdf)[0].splitlines()[:8]]
    assert "Binnen: 2 · Verwacht / niet binnen: 6" in first_lines


def test_someone_checked_out_again_is_not_counted_inside():
    rows = [guest("1", "Jan van der Berg"), guest("2", "Henk Bakker", presence=Presence.LEFT)]

    sections = roll_call_sections(render_roll_call(occupancy(rows)))

    assert sections == {"Binnen": ["Jan van der Berg"], "Verwacht / niet binnen": ["Henk Bakker"]}


def test_a_roll_call_of_sixty_beds_fits_one_page():
    rows = [guest(str(n), f"Gast nummer {n}") for n in range(1, 41)]
    rows += [expected(str(n), f"Gast nummer {n}") for n in range(41, 61)]

    pdf = render_roll_call(occupancy(rows))

    assert len(page_texts(pdf)) == 1
    sections = roll_call_sections(pdf)
    assert (len(sections["Binnen"]), len(sections["Verwacht / niet binnen"])) == (40, 20)


def test_the_occupancy_list_shows_the_same_sections_and_counts_at_the_top():
    rows = [expected("1", "Henk Bakker"), guest("2", "Jan van der Berg"), free_bed("3")]

    text = flat(all_text(render_occupancy_list(occupancy(rows))))

    assert "Binnen: 1 · Verwacht / niet binnen: 1 · Vrij: 1 · Capaciteit: 3" in text
    assert text.index("Binnen (1)") < text.index("Jan van der Berg") < text.index("Verwacht / niet binnen (1)")
    assert text.index("Verwacht / niet binnen (1)") < text.index("Henk Bakker") < text.index("Vrije bedden (1)")


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


def text_positions(pdf: bytes, page: int = 0) -> list[tuple[float, float, str]]:
    """Every piece of text on a page with the point where its baseline starts (x, y), top to bottom."""
    fragments: list[tuple[float, float, str]] = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            fragments.append((round(cm[4] + tm[4], 2), round(cm[5] + tm[5], 2), text.strip()))

    pypdf.PdfReader(io.BytesIO(pdf)).pages[page].extract_text(visitor_text=visit)
    return fragments


NAME_X = round(15 * MM + 23 * MM + 3, 2)  # the name column's text: margin, bed column, cell padding
SAFETY_X = round(15 * MM + (23 + 47 + 17 + 22 + 33) * MM + 3, 2)


def test_every_cell_of_a_row_starts_on_the_same_line_beside_a_safety_note_that_wraps():
    note = "Niet naast bed 7; agressie richting medewerkers in 2025, twee keer gemeld"
    pdf = render_occupancy_list(
        occupancy(
            [guest("7", "Jan Berg", birth_year="1961", check_in="21:14", safety_note=note), guest("8", "Piet Smit")]
        )
    )
    fragments = text_positions(pdf)
    y_of = {text: y for _x, y, text in fragments}
    note_lines = [(x, y, text) for x, y, text in fragments if x == SAFETY_X and y < y_of["Veiligheid"]]
    assert len(note_lines) > 1 and " ".join(text for _x, _y, text in note_lines) == note
    first_line = note_lines[0][1]
    assert y_of["7"] == y_of["Jan Berg"] == y_of["1961"] == y_of["21:14"] == first_line
    assert y_of["Piet Smit"] < note_lines[-1][1]


def test_a_name_wider_than_its_column_wraps_inside_the_column():
    name = "Een heel erg lange naam die zeker niet op één regel past in de kolom"
    pdf = render_occupancy_list(occupancy([guest("1", name), guest("2", "Piet Smit")]))
    fragments = text_positions(pdf)
    name_lines = [(y, text) for x, y, text in fragments if x == NAME_X and text not in ("Naam / alias", "Piet Smit")]
    assert len(name_lines) > 1 and " ".join(text for _y, text in name_lines) == name
    y_of = {text: y for _x, y, text in fragments}
    assert y_of["1"] == name_lines[0][0] and y_of["Piet Smit"] < name_lines[-1][0]


def test_runs_of_spaces_in_a_name_print_as_one_space():
    text = all_text(render_occupancy_list(occupancy([guest("1", "Jan   van  Berg ")])))
    assert "Jan van Berg" in text and "Jan  " not in text


def text_faces(pdf: bytes) -> dict[str, tuple[str, float]]:
    """Each piece of text on the first page with its font (without the subset prefix) and size."""
    faces: dict[str, tuple[str, float]] = {}

    def visit(text, _cm, _tm, font, size):
        if text.strip() and font is not None:
            faces[text.strip()] = (str(font["/BaseFont"]).split("+")[-1], size)

    pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return faces


def test_each_cell_prints_in_the_face_and_size_of_its_column():
    rows = [
        guest("U1", "Jan Berg", birth_year="1961", check_in="21:14", safety_note="Niet naast U2", overflow=True),
        guest("4", "Piet Smit", birth_year="1970"),
        free_bed("5"),
    ]
    faces = text_faces(render_occupancy_list(occupancy(rows)))
    assert faces["Naam / alias"] == faces["Veiligheid"] == ("DejaVuSans-Bold", 8.5)
    assert faces["U1 (extra)"] == faces["Niet naast U2"] == faces["Binnen (2)"] == ("DejaVuSans-Bold", 9)
    assert faces["4"] == faces["Jan Berg"] == faces["1961"] == faces["21:14"] == faces["— vrij —"] == ("DejaVuSans", 9)

    roll = text_faces(render_roll_call(occupancy(rows)))
    assert roll["Jan Berg"] == roll["Piet Smit"] == ("DejaVuSans", 9.5)
    assert roll["4"] == roll["1961"] == roll["1970"] == ("DejaVuSans", 8.5)


def test_a_bed_kept_for_a_regular_prints_for_whom_and_until_when_not_as_free():
    kept = OccupancyRow(
        bed="3",
        is_overflow=False,
        name="",
        birth_year="",
        check_in="",
        remarks="",
        safety_note="",
        kept_for="Kees de Vries",
        kept_until="23:00",
    )
    pdf = render_occupancy_list(occupancy([guest("1", "Jan Berg"), kept, free_bed("4")]))
    text = page_texts(pdf)[0]
    assert "Vastgehouden voor vaste gasten (1)" in text and "Vrije bedden (1)" in text
    assert "3\nwacht op Kees de Vries\ntot 23:00" in text
    assert text.count("— vrij —") == 1  # only bed 4
    assert "Vrij: 2 (waarvan 1 vastgehouden voor vaste gasten)" in text


def test_a_long_dutch_word_in_a_narrow_column_is_never_broken():
    row = guest("1", "Kees", remarks="Veiligheidsbeperking: agressie", safety_note="Veiligheidsbeperking: agressie")
    text = "".join(
        page.extract_text() for page in pypdf.PdfReader(io.BytesIO(render_occupancy_list(occupancy([row])))).pages
    )
    assert text.count("Veiligheidsbeperking") == 2


def test_a_chinese_name_prints_in_its_glyphs_on_the_occupancy_list():
    pdf = render_occupancy_list(occupancy([guest("1", "王小明"), guest("2", "Kees")]))
    assert b"NotoSansCJKsc" in pdf
    assert "王小明" in "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
