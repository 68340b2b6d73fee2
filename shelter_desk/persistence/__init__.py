"""Persistence: SQLAlchemy models, the engine and its sessions, and the Alembic migrations."""
