"""winter: street contacts on activated nights; the forecast of an activation as typed values per night

Revision ID: 0015
Revises: 0011
Create Date: 2026-12-07 19:00:00

The forecast an activation rested on was kept as one joined text ("2026-12-08: -6 °C, wind 20 km/h,
gevoel -11.3 °C (fase 2); …"). Each part is converted into a row of winter_forecast_night; a part
that does not read as such is not guessed at: it is kept in the activation's remark (after
"Verwachting (tekst):") and named in the migration log, so no word of the old text is lost.
"""

import logging
import re
from datetime import date

import sqlalchemy as sa
from alembic import op

LOG = logging.getLogger("alembic.runtime.migration")

_PART = re.compile(
    r"^(\d{4}-\d{2}-\d{2}): (-?[0-9.e+]+) °C, wind (-?[0-9.e+]+) km/h, gevoel (-?[0-9.e+]+) °C "
    r"\((geen winterregeling|fase 1|fase 2)\)$"
)
_PHASES = {"geen winterregeling": 0, "fase 1": 1, "fase 2": 2}

revision = "0015"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "street_contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("night", sa.Date(), nullable=False),
        sa.Column("seen_at", sa.Time(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("postcode", sa.String(length=20), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("bed_offered", sa.Boolean(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("facility_id", sa.Integer(), nullable=True),
        sa.Column("remark", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=80), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "outcome <> 'geaccepteerd' OR facility_id IS NOT NULL",
            name=op.f("ck_street_contact_accepted_with_facility"),
        ),
        sa.CheckConstraint(
            "outcome IN ('geaccepteerd', 'geweigerd', 'heeft_plek')", name=op.f("ck_street_contact_known_outcome")
        ),
        sa.ForeignKeyConstraint(["facility_id"], ["facility.id"], name=op.f("fk_street_contact_facility_id_facility")),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_street_contact_person_id_person")),
        sa.ForeignKeyConstraint(["region_id"], ["region.id"], name=op.f("fk_street_contact_region_id_region")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_street_contact")),
    )
    with op.batch_alter_table("street_contact", schema=None) as batch_op:
        batch_op.create_index("ix_street_contact_night", ["region_id", "night"], unique=False)
        batch_op.create_index(batch_op.f("ix_street_contact_person_id"), ["person_id"], unique=False)

    forecast_nights = op.create_table(
        "winter_forecast_night",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("activation_id", sa.Integer(), nullable=False),
        sa.Column("night", sa.Date(), nullable=False),
        sa.Column("temperature", sa.Double(), nullable=False),
        sa.Column("wind_kmh", sa.Double(), nullable=False),
        sa.Column("felt", sa.Double(), nullable=False),
        sa.Column("phase", sa.Integer(), nullable=False),
        sa.CheckConstraint("phase IN (0, 1, 2)", name=op.f("ck_winter_forecast_night_known_phase")),
        sa.ForeignKeyConstraint(
            ["activation_id"],
            ["winter_activation.id"],
            name=op.f("fk_winter_forecast_night_activation_id_winter_activation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_winter_forecast_night")),
        sa.UniqueConstraint("activation_id", "night", name=op.f("uq_winter_forecast_night_activation_id_night")),
    )
    _convert_forecasts(forecast_nights)
    with op.batch_alter_table("winter_activation", schema=None) as batch_op:
        batch_op.drop_column("forecast")


def _convert_forecasts(forecast_nights: sa.Table) -> None:
    """Each activation's joined forecast text as rows; what does not read is kept in its remark."""
    connection = op.get_bind()
    activations = connection.execute(
        sa.text("SELECT id, forecast, remark FROM winter_activation WHERE forecast <> ''")
    ).all()
    for activation_id, text, remark in activations:
        rows: dict[date, dict[str, object]] = {}
        unread = []
        for part in (piece.strip() for piece in text.split("; ")):
            found = _PART.match(part)
            if found is None or date.fromisoformat(found.group(1)) in rows:
                unread.append(part)
                continue
            night = date.fromisoformat(found.group(1))
            rows[night] = {
                "activation_id": activation_id,
                "night": night,
                "temperature": float(found.group(2)),
                "wind_kmh": float(found.group(3)),
                "felt": float(found.group(4)),
                "phase": _PHASES[found.group(5)],
            }
        if rows:
            connection.execute(forecast_nights.insert(), list(rows.values()))
        if unread:
            kept = "Verwachting (tekst): " + "; ".join(unread)
            connection.execute(
                sa.text("UPDATE winter_activation SET remark = :remark WHERE id = :id"),
                {"remark": f"{remark}\n{kept}" if remark else kept, "id": activation_id},
            )
            LOG.warning(
                "Activering %d: %d deel/delen van de verwachting niet omgezet; bewaard in de opmerking.",
                activation_id,
                len(unread),
            )


def downgrade() -> None:
    with op.batch_alter_table("winter_activation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("forecast", sa.Text(), nullable=False, server_default=""))
    connection = op.get_bind()
    nights = connection.execute(
        sa.text(
            "SELECT activation_id, night, temperature, wind_kmh, felt, phase FROM winter_forecast_night "
            "ORDER BY activation_id, night"
        )
    ).all()
    joined: dict[int, list[str]] = {}
    for activation_id, night, temperature, wind, felt, phase in nights:
        label = {v: k for k, v in _PHASES.items()}[phase]
        joined.setdefault(activation_id, []).append(
            f"{night}: {temperature:g} °C, wind {wind:.0f} km/h, gevoel {felt:g} °C ({label})"
        )
    for activation_id, parts in joined.items():
        connection.execute(
            sa.text("UPDATE winter_activation SET forecast = :text WHERE id = :id"),
            {"text": "; ".join(parts), "id": activation_id},
        )
    op.drop_table("winter_forecast_night")
    with op.batch_alter_table("street_contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_street_contact_person_id"))
        batch_op.drop_index("ix_street_contact_night")

    op.drop_table("street_contact")
