"""Once the desk runs threads of its own, Python's collector runs on the window's thread only."""

from __future__ import annotations

import gc
import threading

from PySide6.QtWidgets import QWidget

from shelter_desk.ui.collector import collect_on_the_window_thread


def test_a_qt_object_in_a_reference_cycle_is_freed_on_the_window_thread_not_on_a_worker(qtbot):
    collect_on_the_window_thread()
    assert not gc.isenabled()
    freed_on: list[str] = []

    class Cyclic(QWidget):
        def __init__(self) -> None:
            super().__init__()
            self.me = self  # a cycle: only the collector frees it

        def __del__(self) -> None:
            freed_on.append(threading.current_thread().name)

    Cyclic()
    kept: list[list[int]] = []  # the worker allocates far past the threshold that starts a collection
    worker = threading.Thread(target=lambda: kept.extend([] for _ in range(5 * gc.get_threshold()[0])), name="worker")
    worker.start()
    worker.join()
    assert freed_on == []  # the worker did not collect
    qtbot.waitUntil(lambda: bool(freed_on), timeout=5000)
    assert freed_on == [threading.main_thread().name]
