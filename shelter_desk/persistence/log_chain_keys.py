"""The access log's chain keys, and the records of the chain's newest line kept outside the database.

The keys. An encrypted file's chain is keyed with a key derived from the database key; a plain
file (the demo, tests, `--plain`) with a random key kept in the keyring or, without one, in a
file beside the database (`<file>.logsleutel`, owner only). A database server's chain is keyed
with the region key: a random secret the region's administrator makes once (`shelter-desk
region key new`) and puts on every desk, in the keyring, in the file named by
`SHELTER_DESK_LOG_KEY_FILE` (owner only), or in `SHELTER_DESK_LOG_KEY`. It is never derived from
the connection's text, so every spelling of the server's address chains alike. A desk may hold
earlier region keys too (one per line, newest last) to verify the segments they signed. The
database holds only each key's fingerprint (`fingerprint`).

The records of the newest line (`LogHead`): `<file>.logkop` beside an SQLite file, and a mark in
this computer's own state folder (`mark_path`, for a server database too). Both are signed with
the chain key. The head beside the file is what someone with the database alone (a copy, a
database tool) cannot forge; the mark is what someone who can write the database's folder (put
back an older head with an older file) cannot reach. The newer of the two counts.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from pathlib import Path

from platformdirs import user_state_path
from sqlalchemy.engine import make_url

from shelter_desk.domain.errors import DeskError
from shelter_desk.persistence.keys import KEYRING_SERVICE, _keyring
from shelter_desk.persistence.location import APP_NAME, DatabaseLocation

LOG_KEY_ENV = "SHELTER_DESK_LOG_KEY"
LOG_KEY_FILE_ENV = "SHELTER_DESK_LOG_KEY_FILE"
REGION_KEYRING_NAME = "regio-logsleutel"
_CONTEXT = b"shelter-desk access-log chain v1"
_FINGERPRINT = b"shelter-desk log key fingerprint"


@dataclass(frozen=True)
class LogHead:
    """The newest entry the log had when last written: its id (the count: lines are never removed) and hash."""

    last_id: int
    last_hash: str
    legacy_until: int  # entries up to this id were written before the chain was keyed (plain SHA-256)
    checked_id: int = 0  # the whole chain up to this entry was verified (the next check starts here)
    checked_hash: str = ""
    generation: str = ""  # the log's generation (a new one after a restore): older records do not count
    broken: str = ""  # a break once found ("id|found at|what"), kept until an administrator acknowledges it


def fingerprint(key: bytes) -> str:
    """What the database keeps of a key: enough to tell keys apart, useless for signing."""
    return hmac.new(key, _FINGERPRINT, hashlib.sha256).hexdigest()[:16]


def show_fingerprint(value: str) -> str:
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4))


def chain_keys(location: DatabaseLocation) -> list[bytes]:
    """Every chain key this desk has for the database, newest last; [] for a server without a region key."""
    if location.path is None:
        return list(_region_chain_keys(os.environ.get(LOG_KEY_ENV), os.environ.get(LOG_KEY_FILE_ENV)))
    return [_file_chain_key(location.path, location.key)]


def chain_key(location: DatabaseLocation) -> bytes | None:
    """The key new lines are chained with: the newest this desk has."""
    keys = chain_keys(location)
    return keys[-1] if keys else None


def derive_chain_key(secret: str) -> bytes:
    """The chain key of a secret (a region key, a database key, a plain file's random secret)."""
    return hmac.new(secret.encode("utf-8"), _CONTEXT, hashlib.sha256).digest()


@lru_cache(maxsize=16)
def _file_chain_key(path: Path, database_key: str | None) -> bytes:
    return derive_chain_key(database_key or _plain_file_secret(path))


@lru_cache(maxsize=4)
def _region_chain_keys(given: str | None, key_file: str | None) -> tuple[bytes, ...]:
    secrets_: list[str] = []
    if given:
        secrets_.append(given.strip())
    elif key_file:
        try:
            secrets_ = Path(key_file).read_text(encoding="utf-8").split()
        except OSError:
            secrets_ = []
    else:
        stored = _keyring_region_keys()
        secrets_ = stored.split() if stored else []
    return tuple(derive_chain_key(secret) for secret in secrets_ if secret)


def forget_cached_keys() -> None:
    """After a region key was added (or the environment changed): read the keys again."""
    _region_chain_keys.cache_clear()
    _file_chain_key.cache_clear()


def _keyring_region_keys() -> str | None:
    keyring = _keyring()
    if keyring is None:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, REGION_KEYRING_NAME)
    except Exception:  # noqa: BLE001 - a locked keyring: as if there were none
        return None


def new_region_secret() -> str:
    return secrets.token_urlsafe(32)


def region_fingerprint(secret: str) -> str:
    return fingerprint(derive_chain_key(secret.strip()))


def store_region_secret(secret: str) -> str:
    """Add a region key to this desk (after the ones it has); returns where it was put, in Dutch.

    The file of `SHELTER_DESK_LOG_KEY_FILE` when that is set (created owner-only), else the keyring.
    """
    key_file = os.environ.get(LOG_KEY_FILE_ENV)
    if key_file:
        path = Path(key_file)
        earlier = path.read_text(encoding="utf-8").split() if path.exists() else []
        _write_private(path, "\n".join([*earlier, secret]) + "\n")
        forget_cached_keys()
        return f"het sleutelbestand {path}"
    keyring = _keyring()
    if keyring is None:
        raise DeskError(
            f"Deze computer heeft geen sleutelbos (keyring). Zet {LOG_KEY_FILE_ENV} op een bestand dat alleen "
            "deze gebruiker kan lezen en probeer het opnieuw; er is niets opgeslagen."
        )
    earlier_text = _keyring_region_keys() or ""
    keyring.set_password(KEYRING_SERVICE, REGION_KEYRING_NAME, " ".join([*earlier_text.split(), secret]))
    forget_cached_keys()
    return "de sleutelbos (keyring) van deze gebruiker"


def _write_private(path: Path, text: str) -> None:
    """Written whole under another name (owner only), then moved into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    staged = path.with_name(f"{path.name}.{os.getpid()}.nieuw")
    descriptor = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(staged, path)


def _plain_file_secret(path: Path) -> str:
    """The random secret of a plain file: from the keyring, else from the key file beside it (made once)."""
    keyring = _keyring()
    name = f"logketen:{path}"
    if keyring is not None:
        try:
            stored = keyring.get_password(KEYRING_SERVICE, name)
            if stored:
                return stored
            fresh = secrets.token_urlsafe(32)
            keyring.set_password(KEYRING_SERVICE, name, fresh)
            return fresh
        except Exception:  # noqa: BLE001 - a locked keyring: fall back to the key file
            pass
    key_file = path.with_name(path.name + ".logsleutel")
    if key_file.exists():
        return key_file.read_text(encoding="utf-8").strip()
    # Written whole under another name, then linked into place: a desk killed halfway leaves no
    # empty key file, and of two desks starting at once the first one's key wins.
    key_file.parent.mkdir(parents=True, exist_ok=True)
    staged = key_file.with_name(f"{key_file.name}.{os.getpid()}.nieuw")
    descriptor = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(secrets.token_urlsafe(32))
        handle.flush()
        os.fsync(handle.fileno())
    try:
        os.link(staged, key_file)
    except FileExistsError:
        pass
    finally:
        staged.unlink(missing_ok=True)
    return key_file.read_text(encoding="utf-8").strip()


def entry_mac(key: bytes, text: str) -> str:
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()


def head_path(location: DatabaseLocation) -> Path | None:
    return location.path.with_name(location.path.name + ".logkop") if location.path is not None else None


def mark_path(location: DatabaseLocation) -> Path:
    """This computer's own record of the log's newest line, outside the database's folder.

    Named after the file's full path, or the server, port and database (not the URL's spelling).
    """
    if location.path is not None:
        identity = f"bestand|{location.path.resolve()}"
    else:
        url = make_url(location.url)
        host = url.host or url.query.get("host") or "localhost"
        identity = f"server|{host}|{url.port or 5432}|{url.database}"
    name = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:24]
    return user_state_path(APP_NAME, appauthor=False) / "logboek" / f"{name}.json"


def _signed_text(head: LogHead) -> str:
    return json.dumps(asdict(head), sort_keys=True)


def _read_signed(path: Path | None, key: bytes) -> LogHead | None | str:
    if path is None or not path.exists():
        return None
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        head = LogHead(
            int(stored["last_id"]),
            str(stored["last_hash"]),
            int(stored["legacy_until"]),
            int(stored["checked_id"]),
            str(stored["checked_hash"]),
            str(stored.get("generation", "")),
            str(stored.get("broken", "")),
        )
        signature = str(stored["mac"])
    except (OSError, ValueError, KeyError, TypeError):
        return "het bestand met de logkop is onleesbaar"
    if not hmac.compare_digest(signature, entry_mac(key, _signed_text(head))):
        return "de handtekening van de logkop klopt niet (vervalst, of van een andere sleutel)"
    return head


def read_head(location: DatabaseLocation, key: bytes) -> LogHead | None | str:
    """The head beside the file; None when there is none; a Dutch reason when it is there but not ours."""
    return _read_signed(head_path(location), key)


def read_mark(location: DatabaseLocation, key: bytes) -> LogHead | None:
    """This computer's mark; None when there is none or it is not readable as ours (it is a second opinion)."""
    found = _read_signed(mark_path(location), key)
    return found if isinstance(found, LogHead) else None


def _merged(current: LogHead | None | str, head: LogHead, replacing: bool) -> LogHead:
    if not isinstance(current, LogHead) or replacing or current.generation != head.generation:
        return head
    if current.last_id > head.last_id:
        head = replace(head, last_id=current.last_id, last_hash=current.last_hash)
    if current.checked_id > head.checked_id:
        head = replace(head, checked_id=current.checked_id, checked_hash=current.checked_hash)
    return head


def write_head(location: DatabaseLocation, key: bytes, head: LogHead, *, replacing: bool = False) -> None:
    """Replace the head beside the file and this computer's mark, keeping the newest line and the
    furthest check either knows of (of the same generation).

    `replacing`: the log itself was replaced (a restore, an acknowledged break); the records start over.
    """
    for path, current in (
        (head_path(location), read_head(location, key)),
        (mark_path(location), read_mark(location, key)),
    ):
        if path is None:
            continue
        merged = _merged(current, head, replacing)
        text = json.dumps({**asdict(merged), "mac": entry_mac(key, _signed_text(merged))})
        staged = path.with_name(f"{path.name}.{os.getpid()}.nieuw")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            staged.write_text(text, encoding="utf-8")
            os.replace(staged, path)
        except OSError:
            staged.unlink(missing_ok=True)  # a read-only folder: the start-up check will say the head lags
