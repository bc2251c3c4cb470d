"""Toolbar icons: the desktop theme's where it has one, else argmap's own SVGs.

The bundled icons live in ``resources/icons`` (shipped inside the package as
``argmap/resources/icons``), so an installed argmap finds them too.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

__all__ = ["icon", "icon_folder"]

# Our name -> the freedesktop icon-naming name a desktop theme may provide.
THEME_NAMES = {
    "new": "document-new",
    "open": "document-open",
    "save": "document-save",
    "undo": "edit-undo",
    "redo": "edit-redo",
    "fit": "zoom-fit-best",
    "export": "document-export",
}


def icon_folder() -> Path:
    """Inside the installed package, or in a source checkout."""
    packaged = Path(__file__).resolve().parent.parent / "resources" / "icons"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent.parent / "resources" / "icons"


def icon(name: str) -> QIcon:
    """The icon for ``name``; an argmap-specific one (add reason, objection) is always ours."""
    bundled = QIcon(str(icon_folder() / f"{name}.svg"))
    theme_name = THEME_NAMES.get(name)
    if theme_name is not None and QIcon.hasThemeIcon(theme_name):
        return QIcon.fromTheme(theme_name, bundled)
    return bundled
