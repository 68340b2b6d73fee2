"""A PostgreSQL server that stops answering (its processes paused, as `kill -STOP` does) gives the
desk a Dutch "niet bereikbaar" instead of a wait without end, and the desk goes on by itself
when the server answers again. Against the tests' real server, paused for a few seconds."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import func, select

from shelter_desk.domain.errors import DeskError
from shelter_desk.persistence.models import Facility

pytestmark = pytest.mark.parametrize("db_engine", ["postgresql"], indirect=True)

LONGEST_S = 30  # only so that a regression fails the test instead of hanging the run


def _server_processes(cluster) -> list[int]:  # type: ignore[no-untyped-def]
    postmaster = int((Path(cluster.folder) / "data" / "postmaster.pid").read_text().split()[0])
    children = subprocess.run(["ps", "-o", "pid=", "--ppid", str(postmaster)], capture_output=True, text=True)
    return [postmaster, *(int(pid) for pid in children.stdout.split())]


@contextmanager
def _paused(cluster) -> Iterator[None]:  # type: ignore[no-untyped-def]
    processes = _server_processes(cluster)
    for pid in processes:
        os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        for pid in processes:
            os.kill(pid, signal.SIGCONT)


def _count_facilities(db) -> int:  # type: ignore[no-untyped-def]
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(Facility)) or 0


def _in_thread(work):  # type: ignore[no-untyped-def]
    outcome: list[object] = []
    thread = threading.Thread(target=lambda: outcome.append(_catch(work)), daemon=True)
    thread.start()
    thread.join(LONGEST_S)
    assert not thread.is_alive(), "the desk still waits for the paused server"
    return outcome[0]


def _catch(work):  # type: ignore[no-untyped-def]
    try:
        return work()
    except Exception as error:  # noqa: BLE001 - the outcome is what the test looks at
        return error


def test_a_read_on_a_paused_server_says_in_dutch_that_it_is_unreachable(db, postgres_cluster):
    _count_facilities(db)  # a pooled connection, as a desk has after its first screen
    with _paused(postgres_cluster):
        outcome = _in_thread(lambda: _count_facilities(db))
    assert isinstance(outcome, DeskError) and "niet bereikbaar" in outcome.message


def test_the_desk_reads_again_by_itself_once_the_server_answers(db, postgres_cluster):
    before = _count_facilities(db)
    with _paused(postgres_cluster):
        _in_thread(lambda: _count_facilities(db))
    assert _count_facilities(db) == before


def test_the_change_watch_hears_that_the_server_stopped_answering_and_came_back(db, postgres_cluster):
    lost, back = threading.Event(), threading.Event()
    db.changes.subscribe(lambda: None, lambda reachable: (back if reachable else lost).set())
    assert db.changes.watching.wait(LONGEST_S)
    with _paused(postgres_cluster):
        assert lost.wait(LONGEST_S)
    assert back.wait(LONGEST_S)
