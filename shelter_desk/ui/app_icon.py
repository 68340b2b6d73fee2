"""The application icon: the QIcon every window carries, and its PNG sizes and Windows ICO for packagers.

The one source is resources/icons/shelter-desk.svg, found through shelter_desk.paths in a checkout,
the installed wheel and the bundle alike. build.spec writes the ICO at build time (the Windows
executable's icon); packagers who want hicolor PNGs run

    python -m shelter_desk.ui.app_icon OUT_FOLDER

Nothing generated is committed: Qt's SVG renderer, which the application ships, draws every size.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

from PySide6.QtGui import QIcon

from shelter_desk.paths import resource

ICON_NAME = "shelter-desk"  # the .desktop entry's and the AppStream metadata's Icon=
SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # what Windows asks for: title bar, task bar, Explorer


def icon_source() -> Path:
    return resource("icons", f"{ICON_NAME}.svg")


def application_icon() -> QIcon:
    """The icon for the application's windows (Qt's SVG icon engine draws each size on demand)."""
    return QIcon(str(icon_source()))


def render_png(size: int) -> bytes:
    """The icon at `size` × `size` pixels as PNG bytes."""
    # Imported here: the running desk needs only the icon engine plugin, not these classes.
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(icon_source()))
    if not renderer.isValid():
        raise ValueError(f"{icon_source()} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6 6.12's stubs ask for bytes here, but at run time only a str is accepted.
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
        raise ValueError(f"Qt could not write the {size} px icon as PNG")
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A multi-size ICO holding PNG images (Windows Vista and later read PNG entries)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, images = b"", b""
    for size, png in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset + len(images))
        images += png
    return header + entries + images


def write_icons(folder: Path) -> Path:
    """shelter-desk-<N>.png for every size and shelter-desk.ico in `folder`; the ICO's path."""
    folder.mkdir(parents=True, exist_ok=True)
    pngs = {size: render_png(size) for size in SIZES}
    for size, png in pngs.items():
        (folder / f"{ICON_NAME}-{size}.png").write_bytes(png)
    ico = folder / f"{ICON_NAME}.ico"
    ico.write_bytes(ico_bytes({size: pngs[size] for size in ICO_SIZES}))
    return ico


def main(arguments: list[str]) -> int:
    if len(arguments) != 1:
        print("usage: python -m shelter_desk.ui.app_icon OUT_FOLDER", file=sys.stderr)
        return 2
    # Painting on images needs a Qt application; no window is shown, so no display either.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    print(write_icons(Path(arguments[0])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
