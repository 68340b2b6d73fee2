"""Copies of an SQLite database made with SQLite's online backup API (safe while others write),
and checking a copy before it is put back; copies of a PostgreSQL database made with `pg_dump`.

A backup is whole or absent. It is written under a hidden temporary name (`.<name>.deel`, which
no listing of backups matches), checked (SQLite: `PRAGMA integrity_check`; a dump: `pg_restore
--list` reads its table of contents), synced to the disk, and only then renamed to its final
name; any failure removes the partial file and raises a Dutch `DeskError` (`DiskFull` when the
folder's disk is full). So a file named like a backup is always a checked copy.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from sqlalchemy import URL

from shelter_desk.domain.errors import DeskError
from shelter_desk.persistence.disk_faults import (
    disk_full,
    dutch_reason,
    file_write_problem,
    is_disk_full,
    no_room_for,
    sqlite_out_of_room,
)
from shelter_desk.persistence.engine import server_url
from shelter_desk.persistence.log_chain_keys import fingerprint
from shelter_desk.persistence.sqlite_files import connect_file, database_errors

PARTIAL_SUFFIX = ".deel"
_SIDE_FILES = ("-journal", "-wal", "-shm")
PG_DUMP_MISSING = (
    "Voor een back-up van een PostgreSQL-database is het programma pg_dump nodig, en dat is op deze computer "
    "niet gevonden. Installeer de PostgreSQL-clientprogramma's (Debian/Ubuntu: sudo apt install postgresql-client; "
    "Windows: de PostgreSQL-installatie, onderdeel Command Line Tools) met dezelfde of een nieuwere versie dan "
    "de server, of laat de beheerder van de server de back-ups maken."
)


def partial_name(target: Path) -> Path:
    """Where a backup is written before it is checked: hidden, and never named like a backup."""
    return target.with_name(f".{target.name}{PARTIAL_SUFFIX}")


@contextmanager
def _whole_or_absent(target: Path, size: int = 0) -> Iterator[Path]:
    """The partial file to write and check; renamed to `target` after a sync, or removed on any failure.

    OSErrors and SQLite's errors of writing come out as Dutch refusals naming the folder; an
    SQLite error when the folder has no room for `size` bytes (about the copy's size) is a full disk.
    """
    folder, partial = target.parent, partial_name(target)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        try:
            yield partial
            _sync(partial)
            os.replace(partial, target)
            _sync_folder(folder)
        except BaseException:
            for leftover in [partial] + [partial.with_name(partial.name + side) for side in _SIDE_FILES]:
                leftover.unlink(missing_ok=True)
            raise
    except OSError as error:
        raise file_write_problem(error, folder, "de back-up") or DeskError(
            f"De back-up kon niet worden geschreven in '{folder}': {dutch_reason(error)}. Er is geen back-up gemaakt."
        ) from error
    except Exception as error:
        if not _is_sqlite_error(error):
            raise
        if is_disk_full(error) or sqlite_out_of_room(error, folder) or no_room_for(folder, size):
            raise disk_full(folder, "de back-up") from error
        raise DeskError(
            f"De back-up kon niet worden gemaakt in '{folder}': {error}. Er is geen back-up gemaakt."
        ) from error


def _is_sqlite_error(error: Exception) -> bool:
    """sqlite3's errors, or sqlcipher3's (which are no subclasses of them; loaded only when used)."""
    if isinstance(error, sqlite3.Error):
        return True
    cipher = sys.modules.get("sqlcipher3.dbapi2")
    return cipher is not None and isinstance(error, cipher.Error)


def _sync(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _sync_folder(folder: Path) -> None:
    """The rename itself on the disk (POSIX; Windows cannot open a folder and journals renames itself)."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def backup_sqlite_file(source: Path, target: Path, key: str | None = None) -> Path:
    """Write a checked, consistent copy of `source` to `target` (same encryption key); return `target`."""
    with _whole_or_absent(target, _file_size(source)) as partial:
        origin, copy = connect_file(source, key), connect_file(partial, key)
        try:
            origin.backup(copy)
            # A copy is one file: in WAL mode (the source's) reading it would make -wal and -shm beside it.
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            origin.close()
            copy.close()
        try:
            problems = integrity_problems(partial, key)
        except database_errors(key) as error:
            problems = [str(error)]
        if problems:
            raise DeskError(
                f"De back-up in '{target.parent}' was bij de controle niet in orde ({problems[0]}); "
                "er is geen back-up gemaakt. Controleer de schijf of kies een andere map."
            )
    return target


def _file_size(path: Path) -> int:
    """About the size of a copy of `path`: the file and its write-ahead log."""
    return sum(side.stat().st_size for side in (path, path.with_name(path.name + "-wal")) if side.exists())


def integrity_problems(path: Path, key: str | None = None) -> list[str]:
    """`PRAGMA integrity_check` of a file opened read-only: [] when sound."""
    connection = connect_file(path, key, read_only=True)
    try:
        rows = [row[0] for row in connection.execute("PRAGMA integrity_check").fetchall()]
    finally:
        connection.close()
    return [] if rows == ["ok"] else rows


# An encrypted dump: MAGIC, the key's fingerprint (16 ASCII hex digits), a 96-bit nonce, then
# pg_dump's custom format encrypted with AES-256-GCM (`cryptography`), then GCM's 16-byte tag.
ENCRYPTED_MAGIC = b"SDPGAES1"
_FINGERPRINT_LENGTH, _NONCE_LENGTH, _TAG_LENGTH = 16, 12, 16
_HEADER_LENGTH = len(ENCRYPTED_MAGIC) + _FINGERPRINT_LENGTH + _NONCE_LENGTH
_CHUNK = 1 << 20


def backup_key(chain_key: bytes) -> bytes:
    """The key a server backup is encrypted with: derived from the region's log key, never stored."""
    return hmac.new(chain_key, b"shelter-desk server backup v1", hashlib.sha256).digest()


def dump_server_database(url: str, target: Path, chain_key: bytes) -> Path:
    """`pg_dump --format=custom` of the PostgreSQL database `url`, encrypted, to `target` (mode 0600).

    pg_dump's output is encrypted as it streams in (no plain copy on the disk), with a key derived
    from the region key (`backup_key`); the copy is then checked by decrypting it into `pg_restore
    --list`. The password goes to pg_dump in its environment, never on its command line.
    """
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise DeskError(PG_DUMP_MISSING)
    url_ = server_url(url)
    environment = _pg_environment(url_)
    conninfo = url_.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    server = url_.render_as_string(hide_password=True)
    with _whole_or_absent(target) as partial:
        process = subprocess.Popen(
            [pg_dump, "--format=custom", "--dbname", conninfo],
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert process.stdout is not None and process.stderr is not None
        try:
            _write_encrypted(process.stdout, partial, chain_key)
        finally:
            errors = process.stderr.read().decode("utf-8", "replace")
            returncode = process.wait()
        if returncode != 0:
            lines = errors.strip().splitlines() or ["onbekende fout"]
            if any("no space left on device" in line.lower() or "quota exceeded" in line.lower() for line in lines):
                raise disk_full(target.parent, "de back-up")
            reason = next((line for line in lines if "error:" in line), lines[-1])
            raise DeskError(f"pg_dump kon geen back-up maken van {server}: {reason}")
        _check_dump(pg_dump, partial, server, {_fingerprint_of(chain_key): chain_key})
    return target


def _pg_environment(url: URL) -> dict[str, str]:
    environment = dict(os.environ)
    if url.password:
        environment["PGPASSWORD"] = str(url.password)
    return environment


def _fingerprint_of(chain_key: bytes) -> bytes:
    return fingerprint(chain_key).encode("ascii")


def _write_encrypted(source: IO[bytes], target: Path, chain_key: bytes) -> None:
    # cryptography loads when a server backup is written or read, not at every start
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    nonce = secrets.token_bytes(_NONCE_LENGTH)
    header = ENCRYPTED_MAGIC + _fingerprint_of(chain_key)
    encryptor = Cipher(algorithms.AES(backup_key(chain_key)), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(header)
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(header + nonce)
        while chunk := source.read(_CHUNK):
            out.write(encryptor.update(chunk))
        out.write(encryptor.finalize())
        out.write(encryptor.tag)


def decrypted_chunks(source: Path, chain_keys: dict[bytes, bytes]) -> Iterator[bytes]:
    """The plain dump of an encrypted backup, chunk by chunk; the last step checks its tag.

    `chain_keys`: the region keys this desk has, by fingerprint. Raises a Dutch `DeskError` for a
    file that is no encrypted backup, a key this desk lacks, or a file that was changed.
    """
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    size = source.stat().st_size
    with source.open("rb") as handle:
        header = handle.read(_HEADER_LENGTH)
        if len(header) < _HEADER_LENGTH or not header.startswith(ENCRYPTED_MAGIC) or size < _HEADER_LENGTH + 16:
            raise DeskError(f"'{source.name}' is geen versleutelde back-up van Shelter Desk; er is niets teruggezet.")
        wanted = header[len(ENCRYPTED_MAGIC) : len(ENCRYPTED_MAGIC) + _FINGERPRINT_LENGTH]
        key = chain_keys.get(wanted)
        if key is None:
            shown = " ".join(wanted.decode("ascii", "replace")[i : i + 4] for i in range(0, _FINGERPRINT_LENGTH, 4))
            raise DeskError(
                f"De back-up '{source.name}' is versleuteld met de logsleutel van de regio met vingerafdruk {shown}, "
                "en die heeft deze computer niet. Zet die sleutel hier (shelter-desk region key install); er is "
                "niets teruggezet."
            )
        decryptor = Cipher(
            algorithms.AES(backup_key(key)),
            modes.GCM(header[-_NONCE_LENGTH:]),
        ).decryptor()
        decryptor.authenticate_additional_data(header[:-_NONCE_LENGTH])
        remaining = size - _HEADER_LENGTH - _TAG_LENGTH
        while remaining > 0:
            chunk = handle.read(min(_CHUNK, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield decryptor.update(chunk)
        tag = handle.read(_TAG_LENGTH)
        try:
            yield decryptor.finalize_with_tag(tag)
        except (InvalidTag, ValueError):
            raise DeskError(
                f"De back-up '{source.name}' is beschadigd of gewijzigd (de controle van de versleuteling klopt "
                "niet); er is niets teruggezet."
            ) from None


def write_decrypted(source: Path, target: Path, chain_keys: dict[bytes, bytes]) -> None:
    """The plain dump in `target` (mode 0600), whole and checked, or no `target` at all."""
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as out:
            for chunk in decrypted_chunks(source, chain_keys):
                out.write(chunk)
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def keys_by_fingerprint(chain_keys: list[bytes]) -> dict[bytes, bytes]:
    return {_fingerprint_of(key): key for key in chain_keys}


def _check_dump(pg_dump: str, dump: Path, server: str, chain_keys: dict[bytes, bytes]) -> None:
    """The encrypted dump must decrypt whole (its tag checked to the end), and its table of contents
    be readable (`pg_restore --list`, fed the plain dump through a pipe)."""
    pg_restore = shutil.which("pg_restore", path=str(Path(pg_dump).parent)) or shutil.which("pg_restore")
    with tempfile.TemporaryFile() as listed, tempfile.TemporaryFile() as complaints:
        listing = (
            subprocess.Popen([pg_restore, "--list"], stdin=subprocess.PIPE, stdout=listed, stderr=complaints)
            if pg_restore is not None
            else None
        )
        feeding = listing.stdin if listing is not None else None
        start = b""
        try:
            for chunk in decrypted_chunks(dump, chain_keys):
                start = start or chunk[:5]
                if feeding is not None:
                    try:
                        feeding.write(chunk)
                    except BrokenPipeError:  # it read the table of contents and left: decrypt on to the tag
                        feeding = None
        except DeskError as error:
            raise DeskError(f"De back-up van {server} was bij de controle niet in orde ({error.message})") from error
        finally:
            if listing is not None and listing.stdin is not None:
                try:
                    listing.stdin.close()
                except BrokenPipeError:
                    pass
                listing.wait()
        if listing is None:  # pg_dump without pg_restore: at least the custom format's signature
            if start != b"PGDMP":
                raise DeskError(
                    f"De back-up van {server} was bij de controle niet in orde (geen pg_dump-bestand); "
                    "er is geen back-up gemaakt."
                )
            return
        listed.seek(0)
        complaints.seek(0)
        if listing.returncode != 0 or b"TABLE DATA" not in listed.read():
            lines = complaints.read().decode("utf-8", "replace").strip().splitlines() or ["geen tabellen gevonden"]
            raise DeskError(
                f"De back-up van {server} was bij de controle niet in orde ({lines[-1]}); er is geen back-up gemaakt."
            )
