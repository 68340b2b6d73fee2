"""A throw-away PostgreSQL cluster for the tests and the benchmarks: initdb, pg_ctl, torn down after.

The cluster lives in a fresh temporary folder, listens on a unix socket in that folder only (no
TCP port), and runs without fsync (its data are thrown away); `random_page_cost = 1.1` as on any
server with SSDs (the README's region setup says the same). `initdb` refuses to run as root: as
root (CI containers) the server runs as the `postgres` system user that Debian's `postgresql`
package creates. The binaries are found on PATH, else in Debian's /usr/lib/postgresql/<version>/bin.

Two roles: the superuser `postgres` (trusted on the socket) and `desk_password` (password
`juist-wachtwoord`, scram-sha-256) for the tests of a wrong password.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

PASSWORD_ROLE = "desk_password"
PASSWORD = "juist-wachtwoord"


class ServerUnavailable(Exception):
    """PostgreSQL cannot be started here (no binaries, no `postgres` user, initdb failed)."""


BINARIES_ENV = "SHELTER_DESK_PG_BIN"  # a folder with initdb and pg_ctl, instead of looking for them


def find_binaries() -> Path:
    chosen = os.environ.get(BINARIES_ENV)
    if chosen:
        if not (Path(chosen) / "pg_ctl").exists():
            raise ServerUnavailable(f"{BINARIES_ENV}={chosen} holds no pg_ctl")
        return Path(chosen)
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).resolve().parent
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    if versions:
        return Path(versions[-1]).parent
    raise ServerUnavailable(
        "PostgreSQL's programs (initdb, pg_ctl) not found: install Debian's package 'postgresql' (bash .ci/setup does)"
    )


@dataclass
class Cluster:
    folder: Path
    binaries: Path
    as_user: str | None
    options: str = ""  # the server's start options, for `resume`

    @property
    def socket_folder(self) -> str:
        return str(self.folder)

    def url(self, database: str, user: str = "postgres", password: str | None = None) -> str:
        credentials = f"{user}:{password}" if password is not None else user
        return f"postgresql+psycopg://{credentials}@/{database}?host={self.socket_folder}"

    def _run(self, *command: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        prefix = ["runuser", "-u", self.as_user, "--"] if self.as_user else []
        return subprocess.run([*prefix, *command], capture_output=True, text=True, check=check, cwd=self.folder)

    def psql(self, sql: str, database: str = "postgres") -> str:
        result = subprocess.run(
            [
                str(self.binaries / "psql"),
                "-X",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                self.socket_folder,
                "-U",
                "postgres",
                "-d",
                database,
                "-At",
                "-c",
                sql,
            ],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise RuntimeError(result.stderr)
        return result.stdout

    def halt(self, mode: str = "fast") -> None:
        """Stop the server but keep its folder (an outage test): `resume` starts it again.

        Only for a cluster the test started itself, never the session's shared one.
        """
        self._run(str(self.binaries / "pg_ctl"), "-D", str(self.folder / "data"), "-m", mode, "-w", "stop")

    def resume(self) -> None:
        self._run(
            str(self.binaries / "pg_ctl"),
            "-D",
            str(self.folder / "data"),
            "-o",
            self.options,
            "-l",
            str(self.folder / "server.log"),
            "-w",
            "-t",
            "60",
            "start",
        )

    def is_running(self) -> bool:
        status = self._run(str(self.binaries / "pg_ctl"), "-D", str(self.folder / "data"), "status", check=False)
        return status.returncode == 0

    def stop(self) -> None:
        self._run(
            str(self.binaries / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop", check=False
        )
        shutil.rmtree(self.folder, ignore_errors=True)


def start_cluster() -> Cluster:
    binaries = find_binaries()
    as_user = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            raise ServerUnavailable(
                "as root the test server runs as the user 'postgres', which does not "
                "exist: install Debian's package 'postgresql'"
            ) from None
        as_user = "postgres"
    # Directly under the system's temporary folder: the postgres user must reach it, and a unix
    # socket path may not be longer than about 100 characters.
    folder = Path(tempfile.mkdtemp(prefix="shelter-desk-pg-", dir="/tmp" if os.path.isdir("/tmp") else None))
    if as_user:
        shutil.chown(folder, as_user)
    cluster = Cluster(folder, binaries, as_user)
    try:
        init = cluster._run(
            str(binaries / "initdb"),
            "-D",
            str(folder / "data"),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
            check=False,
        )
        if init.returncode != 0:
            raise ServerUnavailable(f"initdb failed: {init.stderr.strip() or init.stdout.strip()}")
        hba = folder / "data" / "pg_hba.conf"
        hba.write_text(f"local all {PASSWORD_ROLE} scram-sha-256\nlocal all all trust\n")
        options = (
            f"-k {folder} -c listen_addresses='' -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c max_connections=200 -c shared_buffers=128MB -c random_page_cost=1.1"
        )
        cluster.options = options
        start = cluster._run(
            str(binaries / "pg_ctl"),
            "-D",
            str(folder / "data"),
            "-o",
            options,
            "-l",
            str(folder / "server.log"),
            "-w",
            "-t",
            "60",
            "start",
            check=False,
        )
        if start.returncode != 0:
            log = (
                (folder / "server.log").read_text(errors="replace")[-2000:] if (folder / "server.log").exists() else ""
            )
            raise ServerUnavailable(f"pg_ctl start failed: {start.stderr.strip()} {log}")
        cluster.psql(f"CREATE ROLE {PASSWORD_ROLE} LOGIN PASSWORD '{PASSWORD}'")
    except BaseException:
        cluster.stop()
        raise
    return cluster
