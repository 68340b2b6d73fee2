"""The wheel and the PyInstaller bundle work on their own, from an empty folder.

Slow (a fresh virtual environment; a PyInstaller build): marked `packaging`. Skip them while
working with `-m "not packaging"`; `.ci/run` runs them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.packaging

ROOT = Path(__file__).resolve().parents[1]
# Messages the offscreen platform prints about what it cannot do; not defects of the application.
OFFSCREEN_NOISE = ("This plugin does not support",)


def _environment(home: Path) -> dict[str, str]:
    """A user with nothing set up: empty home and data folders, no database chosen, offscreen Qt."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SHELTER_DESK_", "PYTHON", "VIRTUAL_ENV"))
    }
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        QT_QPA_PLATFORM="offscreen",
    )
    return env


# A guard against a hung build, not a speed limit: PyInstaller on two busy shared cores took over 300 s.
BUILD_TIMEOUT = 1200


def _run(command: Sequence[str], folder: Path, env: dict[str, str]) -> str:
    done = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, timeout=BUILD_TIMEOUT)
    assert done.returncode == 0, f"{command} ended with {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _smoke_test_commands(executable: Path, folder: Path, env: dict[str, str]) -> None:
    """--version, init, demo and print occupancy, from an empty folder."""
    assert "Shelter Desk 0.1" in _run([str(executable), "--version"], folder, env)
    out = _run([str(executable), "--database", "regio.sqlite", "--onversleuteld", "init"], folder, env)
    assert "Database gereed" in out and "personen: 0" in out
    out = _run([str(executable), "--database", "demo.sqlite", "demo"], folder, env)
    assert "Demogegevens geladen." in out and "personen: 30" in out
    out = _run(
        [
            str(executable),
            "--database",
            "demo.sqlite",
            "print",
            "occupancy",
            "--facility",
            "1",
            "--out",
            "bezetting.pdf",
        ],
        folder,
        env,
    )
    assert "Opgeslagen: bezetting.pdf" in out
    text = PdfReader(folder / "bezetting.pdf").pages[0].extract_text()
    assert "Bezettingslijst" in text and "Nachtopvang Havenkade Assen" in text, text[:300]


def _smoke_test_window(executable: Path, folder: Path, env: dict[str, str], seconds: float = 4.0) -> None:
    """The window starts on the demo (offscreen) and stays up for a few seconds with no error."""
    process = subprocess.Popen(
        [str(executable), "--demo", "--database", "demo.sqlite"],
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
    still_running = process.poll() is None
    process.terminate()
    out, errors = process.communicate(timeout=30)
    assert still_running, f"the window stopped by itself ({process.returncode}):\n{out}\n{errors}"
    problems = [line for line in errors.splitlines() if line.strip() and not line.startswith(OFFSCREEN_NOISE)]
    assert not problems, "\n".join(problems)
    logs = list((Path(env["XDG_STATE_HOME"])).rglob("*.log"))
    assert logs, "the window did not start its log"
    logged = "".join(path.read_text(encoding="utf-8") for path in logs)
    assert " ERROR " not in logged and "Traceback" not in logged, logged
    assert "application icon" not in logged, logged  # app.py logs an icon Qt cannot draw


def test_the_wheel_installed_in_a_fresh_environment_runs_from_an_empty_folder(tmp_path):
    built = tmp_path / "wheel"
    _run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(built), str(ROOT)],
        tmp_path,
        dict(os.environ),
    )
    wheel = next(built.glob("shelter_desk-*.whl"))
    environment = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(environment)], tmp_path, dict(os.environ))
    python = environment / "bin" / "python"
    # The dependencies come from the same indexes and cache as .ci/setup's (no new downloads there).
    _run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--prefer-binary", str(wheel)],
        tmp_path,
        dict(os.environ),
    )
    empty = tmp_path / "empty"
    empty.mkdir()
    env = _environment(tmp_path / "home")
    # The installed package, not the checkout: nothing of the repository on the path.
    where = _run([str(python), "-c", "import shelter_desk.paths as p; print(p.install_root())"], empty, env)
    assert Path(where.strip()).is_relative_to(environment), where
    _smoke_test_commands(environment / "bin" / "shelter-desk", empty, env)
    # The icon and the desktop files travel too, and the installed package draws the icon.
    shared = environment / "share" / "shelter-desk" / "resources"
    assert (shared / "icons" / "shelter-desk.svg").is_file()
    assert {path.name for path in (shared / "desktop").iterdir()} == {
        "org.shelterdesk.ShelterDesk.desktop",
        "org.shelterdesk.ShelterDesk.metainfo.xml",
    }
    drawn = _run(
        [
            str(python),
            "-c",
            "from PySide6.QtWidgets import QApplication; app = QApplication([]); "
            "from shelter_desk.ui.app_icon import application_icon, icon_source; "
            "print(icon_source(), application_icon().pixmap(32, 32).isNull())",
        ],
        empty,
        env,
    )
    assert drawn.split() == [str(shared / "icons" / "shelter-desk.svg"), "False"], drawn


def test_the_pyinstaller_bundle_starts_prints_and_shows_the_window(tmp_path):
    pyinstaller = Path(sys.executable).with_name("pyinstaller")
    if not pyinstaller.exists():
        pytest.fail("PyInstaller is missing: .ci/setup installs the build extra")
    started = time.monotonic()
    _run(
        [
            str(pyinstaller),
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(tmp_path / "dist"),
            "--workpath",
            str(tmp_path / "work"),
            str(ROOT / "build.spec"),
        ],
        ROOT,
        dict(os.environ),
    )
    took = time.monotonic() - started
    bundle = tmp_path / "dist" / "shelter-desk"
    # Files once: PyInstaller links some libraries into a second place.
    size_mb = (
        sum(path.lstat().st_size for path in bundle.rglob("*") if path.is_file() and not path.is_symlink()) / 2**20
    )
    print(f"\nbundle: built in {took:.0f} s, {size_mb:.0f} MB")
    assert size_mb < 250, f"the bundle is {size_mb:.0f} MB"
    # The Windows icon build.spec drew at build time, and what the window icon needs at run time:
    # the SVG and Qt's SVG icon engine and image format (build.spec leaves other Qt parts out).
    ico = (tmp_path / "work" / "build" / "icons" / "shelter-desk.ico").read_bytes()
    assert ico[:4] == b"\x00\x00\x01\x00" and len(ico) > 10_000
    carried = {path.name for path in bundle.rglob("*")}
    assert {"shelter-desk.svg", "org.shelterdesk.ShelterDesk.desktop", "libqsvgicon.so", "libqsvg.so"} <= carried
    empty = tmp_path / "empty"
    empty.mkdir()
    env = _environment(tmp_path / "home")
    _smoke_test_commands(bundle / "shelter-desk", empty, env)
    _smoke_test_window(bundle / "shelter-desk", empty, env)
    shutil.rmtree(tmp_path / "work", ignore_errors=True)
