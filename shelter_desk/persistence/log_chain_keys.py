"""The access log's chain key and its signed head: both kept outside the database.

The key: an encrypted database's chain is keyed with a key derived from the database key (so
someone holding a copy of the file without its key cannot forge lines, and someone with the key
still cannot edit the log without the head beside the file disagreeing). A plain file (the demo,
tests, a deliberate `--plain`) has no database key: its chain key is a random key kept in the
keyring, or, without a keyring, in a file beside the database (`<file>.logsleutel`, readable by
its owner only). That fallback protects against an edit made with a database tool; it does not
protect against someone who can read the folder. A database server's chain is keyed with its
URL (with the password every desk shares, which is not in the database).
`SHELTER_DESK_LOG_KEY` overrides all of these (set the same value on every desk).

The head: `<file>.logkop` beside the database holds the newest entry's id and hash, signed with
the chain key. Rows removed from the end of the log (truncation), or a head rolled back, show as
a difference between the two.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from shelter_desk.persistence.keys import KEYRING_SERVICE, _keyring
from shelter_desk.persistence.location import DatabaseLocation

LOG_KEY_ENV = "SHELTER_DESK_LOG_KEY"
_CONTEXT = b"shelter-desk access-log chain v1"


@dataclass(frozen=True)
class LogHead:
    """The newest entry the log had when last written: its id (the count: lines are never removed) and hash."""

    last_id: int
    last_hash: str
    legacy_until: int  # entries up to this id were written before the chain was keyed (plain SHA-256)
    checked_id: int = 0  # the whole chain up to this entry was verified (the next check starts here)
    checked_hash: str = ""


def chain_key(location: DatabaseLocation) -> bytes:
    return _chain_key(location.url, location.path, location.key)


@lru_cache(maxsize=16)
def _chain_key(url: str, path: Path | None, database_key: str | None) -> bytes:
    given = os.environ.get(LOG_KEY_ENV)
    if given:
        secret = given
    elif database_key:
        secret = database_key
    elif path is None:
        # A database server: every desk must chain with the same key, and all of them share only
        # the URL with its password (which is not in the database). Set SHELTER_DESK_LOG_KEY for more.
        secret = url
    else:
        secret = _plain_file_secret(path)
    return hmac.new(secret.encode("utf-8"), _CONTEXT, hashlib.sha256).digest()


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


def _signed_text(head: LogHead) -> str:
    return json.dumps(
        {
            "last_id": head.last_id,
            "last_hash": head.last_hash,
            "legacy_until": head.legacy_until,
            "checked_id": head.checked_id,
            "checked_hash": head.checked_hash,
        },
        sort_keys=True,
    )


def read_head(location: DatabaseLocation) -> LogHead | None | str:
    """The head beside the file; None when there is none; a Dutch reason when it is there but not ours."""
    path = head_path(location)
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
        )
        signature = str(stored["mac"])
    except (OSError, ValueError, KeyError, TypeError):
        return "het bestand met de logkop is onleesbaar"
    if not hmac.compare_digest(signature, entry_mac(chain_key(location), _signed_text(head))):
        return "de handtekening van de logkop klopt niet (vervalst, of van een andere sleutel)"
    return head


def write_head(location: DatabaseLocation, head: LogHead, *, replacing: bool = False) -> None:
    """Replace the head atomically, keeping the newest line and the furthest check either knows of.

    `replacing`: the database file itself was replaced (a restore); the head starts over from it.
    """
    path = head_path(location)
    if path is None:
        return
    current = read_head(location)
    if isinstance(current, LogHead) and not replacing:
        if current.last_id > head.last_id:
            head = replace(head, last_id=current.last_id, last_hash=current.last_hash)
        if current.checked_id > head.checked_id:
            head = replace(head, checked_id=current.checked_id, checked_hash=current.checked_hash)
    text = json.dumps({**json.loads(_signed_text(head)), "mac": entry_mac(chain_key(location), _signed_text(head))})
    staged = path.with_name(f"{path.name}.{os.getpid()}.nieuw")
    try:
        staged.write_text(text, encoding="utf-8")
        os.replace(staged, path)
    except OSError:
        staged.unlink(missing_ok=True)  # a read-only folder: the start-up check will say the head lags
