"""An administrator imports a newer CBS list or a centrumgemeente mapping, previewed before it is
applied, and edits single entries; a file with problems changes nothing, and no centrumgemeente is
ever guessed."""

import csv

import pytest
from sqlalchemy import func, select

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.roles import DeskUser, Role
from shelter_desk.paths import resource
from shelter_desk.persistence.models import AccessLogEntry, Municipality
from shelter_desk.services.admin.reference_import import (
    apply_mapping_import,
    apply_municipality_import,
    centre_of,
    municipalities_without_centre,
    preview_mapping_import,
    preview_municipality_import,
    set_centre,
)
from shelter_desk.services.kernel.desk import Desk

ASSEN, EMMEN, COEVORDEN, MEPPEL, ZWOLLE, KAMPEN, AMSTERDAM = "0106", "0114", "0109", "0119", "0193", "0166", "0363"


def cbs_list(*extra_lines: str, replace: dict[str, str] | None = None, drop: tuple[str, ...] = ()) -> bytes:
    """The shipped 2025 list, with lines added, replaced (by code) or dropped (by code)."""
    lines = resource("reference", "gemeenten_2025.csv").read_text(encoding="utf-8").splitlines()
    header, body = lines[0], lines[1:]
    body = [(replace or {}).get(line[:4], line) for line in body if line[:4] not in drop]
    return "\n".join([header, *body, *extra_lines]).encode("utf-8")


def log_count(db) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(AccessLogEntry))


def snapshot(db) -> list[tuple]:
    with db.read() as session:
        return session.execute(
            select(
                Municipality.code,
                Municipality.name,
                Municipality.province_code,
                Municipality.province_name,
                Municipality.centre_municipality_code,
            ).order_by(Municipality.code)
        ).all()


@pytest.fixture
def front_desk(db):
    return Desk(db, user=DeskUser(2, "piet", "Piet", Role.FRONT_DESK))


# -- lookups ------------------------------------------------------------------------------


def test_every_drenthe_municipality_is_looked_up_to_its_centrumgemeente(desk):
    with resource("reference", "mo_regio_drenthe.csv").open(encoding="utf-8", newline="") as handle:
        expected = {
            row["gm_code"].removeprefix("GM"): row["mo_centrumgemeente_gm"].removeprefix("GM")
            for row in csv.DictReader(handle)
        }
    assert len(expected) == 12
    assert sorted(expected.values()).count(ASSEN) == 9 and sorted(expected.values()).count(EMMEN) == 3
    assert {code: centre_of(desk, code) for code in expected} == expected
    assert centre_of(desk, "GM0109") == EMMEN


def test_a_municipality_without_a_known_centrumgemeente_is_listed_as_such(desk):
    without = municipalities_without_centre(desk)
    assert len(without) == 342 - 12
    assert (AMSTERDAM, "Amsterdam") in without
    assert centre_of(desk, AMSTERDAM) is None
    assert [name for _code, name in without] == sorted(name for _code, name in without)


# -- the municipality list ----------------------------------------------------------------


@pytest.mark.role(Role.ADMINISTRATOR)
def test_a_new_municipality_and_a_rename_are_previewed_and_applied(desk, db):
    data = cbs_list("0999,GM0999,Nieuwdorp,22,Drenthe", replace={MEPPEL: "0119,GM0119,Meppel (Dr.),22,Drenthe"})
    before = log_count(db)

    preview = preview_municipality_import(desk, data)

    assert preview.problems == () and preview.can_apply
    assert preview.added == ("0999 Nieuwdorp (Drenthe), centrumgemeente onbekend",)
    assert preview.renamed == ("0119: Meppel → Meppel (Dr.)",)
    assert preview.missing == () and preview.province_changed == ()
    assert preview.unchanged == 341
    assert apply_municipality_import(desk, preview) == 2
    with db.read() as session:
        assert session.get(Municipality, "0999").name == "Nieuwdorp"
        assert session.get(Municipality, MEPPEL).name == "Meppel (Dr.)"
        assert session.get(Municipality, MEPPEL).centre_municipality_code == ASSEN  # the mapping is kept
    assert ("0999", "Nieuwdorp") in municipalities_without_centre(desk)  # new: unknown, not guessed
    assert log_count(db) == before + 1


@pytest.mark.role(Role.ADMINISTRATOR)
def test_a_municipality_missing_from_the_new_list_is_reported_and_kept(desk, db):
    preview = preview_municipality_import(desk, cbs_list(drop=(COEVORDEN,)))

    assert preview.missing == ("0109 Coevorden: niet meer in de lijst",)
    assert preview.can_apply
    assert apply_municipality_import(desk, preview) == 0
    with db.read() as session:
        assert session.get(Municipality, COEVORDEN).centre_municipality_code == EMMEN


@pytest.mark.role(Role.ADMINISTRATOR)
def test_a_semicolon_file_with_a_byte_order_mark_and_gm_codes_is_read(desk):
    data = (
        "\ufeffgemeentecode;gm_code;gemeentenaam;provinciecode;provincienaam\r\n"
        "GM0106;GM0106;Assen;22;Drenthe\r\n"
        "0998;GM0998;Nieuwstad;22;Drenthe\r\n"
    ).encode("utf-8")

    preview = preview_municipality_import(desk, data)

    assert preview.problems == ()
    assert preview.added == ("0998 Nieuwstad (Drenthe), centrumgemeente onbekend",)
    assert len(preview.missing) == 341


@pytest.mark.role(Role.ADMINISTRATOR)
@pytest.mark.parametrize("bad_code", ["106", "GM01x6", "01060", ""])
def test_a_code_that_is_not_four_digits_blocks_applying_and_changes_nothing(desk, db, bad_code):
    before, logged = snapshot(db), log_count(db)

    preview = preview_municipality_import(desk, cbs_list(f"{bad_code},,Foutdorp,22,Drenthe"))

    assert len(preview.problems) == 1 and "4 cijfers" in preview.problems[0]
    with pytest.raises(DeskError, match="niets gewijzigd"):
        apply_municipality_import(desk, preview)
    assert snapshot(db) == before and log_count(db) == logged


@pytest.mark.role(Role.ADMINISTRATOR)
def test_a_dropped_leading_zero_is_pointed_out_not_repaired(desk):
    preview = preview_municipality_import(desk, cbs_list("999,GM0999,Nieuwdorp,22,Drenthe"))

    assert "Schrijf bijvoorbeeld 0999" in preview.problems[0]
    assert preview.added == ()


@pytest.mark.role(Role.ADMINISTRATOR)
def test_duplicate_codes_block_applying_and_change_nothing(desk, db):
    before = snapshot(db)

    preview = preview_municipality_import(
        desk, cbs_list("0106,GM0106,Assen-Oost,22,Drenthe", replace={MEPPEL: "0119,GM0119,Meppel (Dr.),22,Drenthe"})
    )

    assert preview.problems == ("Gemeentecode 0106 (Assen) staat meer dan eens in het bestand (regels 19, 344).",)
    with pytest.raises(DeskError):
        apply_municipality_import(desk, preview)
    assert snapshot(db) == before


@pytest.mark.role(Role.ADMINISTRATOR)
def test_an_empty_name_blocks_applying(desk, db):
    before = snapshot(db)

    preview = preview_municipality_import(desk, cbs_list(replace={MEPPEL: "0119,GM0119,,22,Drenthe"}))

    assert any("gemeentenaam is leeg" in problem for problem in preview.problems)
    with pytest.raises(DeskError):
        apply_municipality_import(desk, preview)
    assert snapshot(db) == before


@pytest.mark.role(Role.ADMINISTRATOR)
def test_missing_columns_block_applying_and_change_nothing(desk, db):
    before, logged = snapshot(db), log_count(db)

    preview = preview_municipality_import(desk, b"gemeentecode,gemeentenaam\n0106,Assen\n0999,Nieuwdorp\n")

    assert len(preview.problems) == 1
    assert preview.problems[0].startswith("Kolommen ontbreken: provinciecode, provincienaam.")
    assert preview.rows == ()
    with pytest.raises(DeskError):
        apply_municipality_import(desk, preview)
    assert snapshot(db) == before and log_count(db) == logged


@pytest.mark.role(Role.ADMINISTRATOR)
def test_a_preview_that_no_longer_matches_the_database_is_refused(desk, db):
    preview = preview_municipality_import(desk, cbs_list(replace={MEPPEL: "0119,GM0119,Meppel (Dr.),22,Drenthe"}))
    other = preview_municipality_import(desk, cbs_list(replace={MEPPEL: "0119,GM0119,Meppel-Stad,22,Drenthe"}))
    apply_municipality_import(desk, other)

    with pytest.raises(DeskError, match="veranderd sinds het voorbeeld"):
        apply_municipality_import(desk, preview)
    with db.read() as session:
        assert session.get(Municipality, MEPPEL).name == "Meppel-Stad"


# -- the centrumgemeente mapping ----------------------------------------------------------


@pytest.mark.role(Role.ADMINISTRATOR)
def test_a_mapping_change_is_previewed_and_applied(desk, db):
    before = log_count(db)

    preview = preview_mapping_import(desk, b"gemeentecode;centrumgemeentecode\n0109;0106\nGM1681;GM0114\n")

    assert preview.problems == ()
    assert preview.changes == ("Coevorden: Emmen → Assen",)
    assert preview.unchanged == 1
    assert apply_mapping_import(desk, preview) == 1
    assert centre_of(desk, COEVORDEN) == ASSEN
    assert log_count(db) == before + 1


@pytest.mark.role(Role.ADMINISTRATOR)
def test_the_shipped_drenthe_file_imports_as_a_mapping_without_changes(desk):
    preview = preview_mapping_import(desk, resource("reference", "mo_regio_drenthe.csv").read_bytes())

    assert preview.problems == () and preview.changes == ()
    assert preview.unchanged == 12


@pytest.mark.role(Role.ADMINISTRATOR)
def test_a_target_that_is_not_a_centrumgemeente_is_refused(desk, db):
    before = snapshot(db)

    preview = preview_mapping_import(desk, b"gemeentecode;centrumgemeentecode\n0109;0119\n")

    assert len(preview.problems) == 1
    assert "Meppel (0119) is geen centrumgemeente" in preview.problems[0]
    with pytest.raises(DeskError):
        apply_mapping_import(desk, preview)
    assert snapshot(db) == before


@pytest.mark.role(Role.ADMINISTRATOR)
def test_a_self_mapping_declares_a_new_centrumgemeente(desk):
    preview = preview_mapping_import(desk, b"gemeentecode;centrumgemeentecode\n0166;0193\n0193;0193\n")

    assert preview.problems == ()
    assert preview.changes == ("Kampen: onbekend → Zwolle", "Zwolle: onbekend → Zwolle")
    assert apply_mapping_import(desk, preview) == 2
    assert centre_of(desk, ZWOLLE) == ZWOLLE and centre_of(desk, KAMPEN) == ZWOLLE


@pytest.mark.role(Role.ADMINISTRATOR)
def test_an_unknown_municipality_code_in_a_mapping_is_refused(desk):
    preview = preview_mapping_import(desk, b"gemeentecode;centrumgemeentecode\n0999;0106\n0109;0998\n")

    assert preview.problems == (
        "Regel 2: gemeentecode 0999 staat niet in de gemeentelijst.",
        "Regel 3: centrumgemeentecode 0998 staat niet in de gemeentelijst.",
    )


@pytest.mark.role(Role.ADMINISTRATOR)
def test_duplicates_with_conflicting_targets_are_refused_but_repeats_are_not(desk):
    conflicting = preview_mapping_import(desk, b"gemeentecode;centrumgemeentecode\n0109;0106\n0109;0114\n")
    repeated = preview_mapping_import(desk, b"gemeentecode;centrumgemeentecode\n0109;0106\nGM0109;0106\n")

    assert conflicting.problems == (
        "Coevorden (0109) staat meer dan eens in het bestand met verschillende centrumgemeenten (regels 2, 3).",
    )
    assert repeated.problems == () and repeated.changes == ("Coevorden: Emmen → Assen",)


@pytest.mark.role(Role.ADMINISTRATOR)
def test_a_mapping_may_not_leave_municipalities_under_a_former_centrumgemeente(desk):
    preview = preview_mapping_import(desk, b"gemeentecode;centrumgemeentecode\n0106;0114\n")

    assert len(preview.problems) == 1
    assert preview.problems[0].startswith("Assen (0106) is dan geen centrumgemeente meer, maar Aa en Hunze, ")


@pytest.mark.role(Role.ADMINISTRATOR)
def test_an_empty_centrumgemeente_in_a_mapping_is_a_problem_not_a_reset(desk, db):
    preview = preview_mapping_import(desk, b"gemeentecode,centrumgemeentecode\n0109,\n")

    assert "centrumgemeentecode is leeg" in preview.problems[0]
    assert centre_of(desk, COEVORDEN) == EMMEN


# -- single entries -----------------------------------------------------------------------


@pytest.mark.role(Role.ADMINISTRATOR)
def test_set_centre_to_none_makes_a_municipality_unknown(desk, db):
    before = log_count(db)

    set_centre(desk, COEVORDEN, None)

    assert centre_of(desk, COEVORDEN) is None
    assert (COEVORDEN, "Coevorden") in municipalities_without_centre(desk)
    assert log_count(db) == before + 1


@pytest.mark.role(Role.ADMINISTRATOR)
def test_set_centre_chooses_a_centrumgemeente_or_declares_one(desk):
    set_centre(desk, AMSTERDAM, "0106")
    set_centre(desk, ZWOLLE, "GM0193")

    assert centre_of(desk, AMSTERDAM) == ASSEN
    assert centre_of(desk, ZWOLLE) == ZWOLLE


@pytest.mark.role(Role.ADMINISTRATOR)
def test_set_centre_is_validated_as_an_import_is(desk, db):
    before = snapshot(db)

    with pytest.raises(DeskError, match="Meppel \\(0119\\) is geen centrumgemeente"):
        set_centre(desk, COEVORDEN, MEPPEL)
    with pytest.raises(DeskError, match="Assen \\(0106\\) is dan geen centrumgemeente meer"):
        set_centre(desk, ASSEN, None)
    with pytest.raises(DeskError, match="staat niet in de gemeentelijst"):
        set_centre(desk, "0999", ASSEN)
    with pytest.raises(DeskError, match="4 cijfers"):
        set_centre(desk, "109", ASSEN)
    assert snapshot(db) == before


# -- who may --------------------------------------------------------------------------------


@pytest.mark.role(Role.ADMINISTRATOR)
def test_a_front_desk_user_may_not_import_or_edit(desk, front_desk, db):
    before = snapshot(db)
    mapping = b"gemeentecode;centrumgemeentecode\n0109;0106\n"
    preview = preview_mapping_import(desk, mapping)

    for attempt in (
        lambda: preview_municipality_import(front_desk, cbs_list()),
        lambda: preview_mapping_import(front_desk, mapping),
        lambda: apply_mapping_import(front_desk, preview),
        lambda: set_centre(front_desk, COEVORDEN, None),
    ):
        with pytest.raises(DeskError, match="rol beheerder"):
            attempt()
    assert snapshot(db) == before
