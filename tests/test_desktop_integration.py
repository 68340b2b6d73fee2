"""The application icon, the Linux desktop entry and the AppStream metadata belong together."""

from __future__ import annotations

import configparser
import os
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from shelter_desk.paths import resource
from shelter_desk.ui.app_icon import ICO_SIZES, ICON_NAME, SIZES, ico_bytes, icon_source, render_png

ROOT = Path(__file__).resolve().parents[1]
DESKTOP_ID = "org.shelterdesk.ShelterDesk"
DESKTOP_FILE = resource("desktop", f"{DESKTOP_ID}.desktop")
METAINFO = resource("desktop", f"{DESKTOP_ID}.metainfo.xml")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP_FILE, encoding="utf-8")
    return parser["Desktop Entry"]


def _validator(program: str, package: str) -> str:
    """The validator's path; skipped where it is missing, but CI must have it (.ci/setup installs it)."""
    found = shutil.which(program)
    if found is None:
        reason = f"{program} is not installed (Debian package {package}; bash .ci/setup installs it)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return found


def test_the_icon_renders_opaque_at_the_centre_and_transparent_at_the_corner_at_every_size(qapp):
    for size in SIZES:
        image = QImage.fromData(render_png(size), "PNG")
        assert (image.width(), image.height()) == (size, size)
        assert image.pixelColor(size // 2, size // 2).alpha() == 255, size
        assert image.pixelColor(0, 0).alpha() == 0, size  # the rounded tile leaves the corners free


def test_the_windows_icon_holds_every_size_as_png(qapp):
    pngs = {size: render_png(size) for size in ICO_SIZES}
    ico = ico_bytes(pngs)
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, len(ICO_SIZES))
    for index, size in enumerate(sorted(ICO_SIZES)):
        side, _h, _c, _r, _planes, _bits, length, offset = struct.unpack(
            "<BBBBHHII", ico[6 + 16 * index : 22 + 16 * index]
        )
        assert side == (0 if size == 256 else size)
        assert ico[offset : offset + length] == pngs[size]


def test_the_icon_module_writes_the_png_sizes_and_the_ico_build_spec_uses(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "shelter_desk.ui.app_icon", str(tmp_path / "icons")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    ico = Path(done.stdout.strip())
    assert ico == tmp_path / "icons" / f"{ICON_NAME}.ico"
    assert struct.unpack("<HHH", ico.read_bytes()[:6]) == (0, 1, len(ICO_SIZES))
    for size in SIZES:
        image = QImage(str(tmp_path / "icons" / f"{ICON_NAME}-{size}.png"))
        assert (image.width(), image.height()) == (size, size)


def test_the_icon_is_found_where_the_other_shipped_files_are():
    assert icon_source() == resource("icons", f"{ICON_NAME}.svg") and icon_source().is_file()


def test_the_desktop_entry_starts_the_installed_command_with_the_shipped_icon():
    entry = _entry()
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert entry["Type"] == "Application" and entry["Exec"] in scripts
    assert entry["Icon"] == ICON_NAME
    assert entry["StartupWMClass"] == "shelter-desk"  # the application name app.py gives Qt


def test_the_desktop_entry_speaks_dutch_too():
    entry = _entry()
    assert entry["Name[nl]"] == "Shelter Desk"
    assert "nachtopvang" in entry["Comment[nl]"] and "opvang" in entry["GenericName[nl]"]
    assert "balie" in entry["Keywords[nl]"]


def test_the_appstream_metadata_names_the_desktop_entry_the_command_and_the_icon():
    component = ElementTree.parse(METAINFO).getroot()
    assert component.findtext("id") == DESKTOP_ID
    assert component.findtext("launchable") == DESKTOP_FILE.name
    assert component.findtext("provides/binary") == _entry()["Exec"]
    assert component.findtext("icon") == ICON_NAME


def test_the_appstream_metadata_has_a_dutch_summary_and_description():
    component = ElementTree.parse(METAINFO).getroot()
    dutch_summary = [element.text for element in component.findall("summary") if element.get(XML_LANG) == "nl"]
    dutch_paragraphs = [element.text for element in component.findall("description/p") if element.get(XML_LANG) == "nl"]
    assert dutch_summary and "opvang" in dutch_summary[0]
    assert dutch_paragraphs and "balie" in dutch_paragraphs[0]


def test_the_desktop_entry_passes_desktop_file_validate():
    validate = _validator("desktop-file-validate", "desktop-file-utils")
    done = subprocess.run([validate, str(DESKTOP_FILE)], capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout


def test_the_metainfo_passes_appstream_validation():
    appstreamcli = _validator("appstreamcli", "appstream")
    done = subprocess.run([appstreamcli, "validate", "--no-net", str(METAINFO)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_application_carries_the_icon_and_its_desktop_id():
    # A fresh process: the test run's own QApplication already exists and would be reused.
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            (
                "from shelter_desk.launch import ensure_application, DESKTOP_ID\n"
                "app = ensure_application()\n"
                "print(app.desktopFileName() == DESKTOP_ID, app.windowIcon().isNull(),"
                " app.windowIcon().pixmap(32, 32).toImage().pixelColor(16, 16).alpha())\n"
            ),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=60,
    )
    assert done.stdout.split() == ["True", "False", "255"], done.stdout + done.stderr
