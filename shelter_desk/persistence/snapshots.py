"""The last known roll-call on this computer: an encrypted copy that outlives a network outage.

An evacuation never waits for the network. Each time a desk reads tonight's beds successfully, the
services keep, per facility, the plain roll-call data (names, beds, birth years, safety notes:
what the printed appèllijst shows and nothing more) in one file in the user data folder. The
file is JSON encrypted with Fernet (AES-128-CBC with an HMAC-SHA256 tag, `cryptography`), written
atomically, readable only by the user. Only the newest night is kept; older nights are dropped at
the next save.

The key is derived from the database's own secret when there is one (the SQLCipher key, or the
password in a PostgreSQL URL), so the copy is exactly as protected as the database; otherwise a
random key is kept in the OS keyring. Without either there is no copy: names never lie on disk in
the clear.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shelter_desk.persistence.keys import KEYRING_SERVICE, keyring_available
from shelter_desk.persistence.location import DatabaseLocation, data_folder

if TYPE_CHECKING:  # cryptography loads when a copy is first read or written, not at every start
    from cryptography.fernet import Fernet

FORMAT_VERSION = 1


class RollCallSnapshots:
    """One encrypted JSON document per database on this computer; see the module docstring."""

    def __init__(
        self, path: Path, key: bytes | None = None, key_source: Callable[[], bytes | None] | None = None
    ) -> None:
        """`key`, or `key_source` asked once at first use (deriving a key takes a moment)."""
        self.path = path
        self._key_source = key_source if key is None else (lambda: key)
        self._fernet: Fernet | None = None
        self._resolved = False

    def _cipher(self) -> Fernet | None:
        if not self._resolved:
            from cryptography.fernet import Fernet

            key = self._key_source() if self._key_source is not None else None
            self._fernet = Fernet(key) if key else None
            self._resolved = True
        return self._fernet

    @property
    def available(self) -> bool:
        """False when no key can protect a copy on this computer (then none is kept)."""
        return self._cipher() is not None

    def load(self) -> dict[str, Any]:
        """The stored document, or an empty one when there is none or it cannot be read."""
        cipher = self._cipher()
        if cipher is None:
            return {}
        from cryptography.fernet import InvalidToken

        try:
            token = self.path.read_bytes()
            document = json.loads(cipher.decrypt(token))
        except (OSError, InvalidToken, ValueError):
            return {}
        return document if isinstance(document, dict) and document.get("version") == FORMAT_VERSION else {}

    def save(self, document: dict[str, Any]) -> bool:
        """Replace the stored document at once (a crash leaves the old copy, never half a file).

        False when there is no key: nothing is written, never a copy in the clear.
        """
        cipher = self._cipher()
        if cipher is None:
            return False
        token = cipher.encrypt(json.dumps({**document, "version": FORMAT_VERSION}).encode("utf-8"))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".snapshot-", dir=self.path.parent)
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(token)
                file.flush()
                os.fsync(file.fileno())
            os.chmod(temporary, 0o600)
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return True


def snapshot_path(location: DatabaseLocation) -> Path:
    """Where this database's copy lives: one file per database, named by a hash of its label."""
    digest = hashlib.sha256(location.label.encode("utf-8")).hexdigest()[:20]
    return data_folder() / "snapshots" / f"appel-{digest}.bin"


def derived_key(secret: str, location: DatabaseLocation) -> bytes:
    """A Fernet key from a database secret (scrypt, salted with the database's label)."""
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    salt = hashlib.sha256(("shelter-desk snapshot " + location.label).encode("utf-8")).digest()
    raw = Scrypt(salt=salt, length=32, n=2**14, r=8, p=1).derive(secret.encode("utf-8"))
    return base64.urlsafe_b64encode(raw)


def _database_secret(location: DatabaseLocation) -> str | None:
    if location.key:
        return location.key
    if location.path is None:
        from sqlalchemy.engine import make_url

        try:
            return make_url(location.url).password or None
        except Exception:  # noqa: BLE001 - a URL the engine refuses has no secret to offer either
            return None
    return None


def _keyring_key(location: DatabaseLocation) -> bytes | None:
    if not keyring_available():
        return None
    import keyring

    name = f"snapshot:{location.label}"
    try:
        stored = keyring.get_password(KEYRING_SERVICE, name)
        if stored:
            return stored.encode("ascii")
        from cryptography.fernet import Fernet

        new = Fernet.generate_key()
        keyring.set_password(KEYRING_SERVICE, name, new.decode("ascii"))
        return new
    except Exception:  # noqa: BLE001 - a locked or broken keyring: no copy rather than a crash
        return None


def snapshot_store_for(location: DatabaseLocation) -> RollCallSnapshots:
    """The copy for this database; its key is found (derived, or from the keyring) at first use."""

    def key() -> bytes | None:
        secret = _database_secret(location)
        return derived_key(secret, location) if secret else _keyring_key(location)

    return RollCallSnapshots(snapshot_path(location), key_source=key)
