"""The inspector's mark beside a quote: ✓ found in its source's text, ⚠ not found.

The tooltip says where the quote stands; for a quote that is not found, it
names the closest passage and the first difference, as ``argmap validate``
does. Nothing shows while there is nothing to check (no quote, no source,
or a source without text).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from argmap.gui.plain_text import plain_tooltip
from argmap.model import ArgumentMap, Attribution
from argmap.sourcetext.check import QuoteStatus, check_quote

__all__ = ["QuoteBadge"]


class QuoteBadge(QLabel):
    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.status = QuoteStatus.UNCHECKED
        self.hide()

    def show_check(self, argument_map: ArgumentMap, attribution: Attribution | None) -> None:
        check = check_quote(argument_map, attribution)
        self.status = check.status
        if check.status is QuoteStatus.UNCHECKED:
            self.hide()
            return
        if check.status is QuoteStatus.FOUND:
            self.setText("✓ found in the source's text")
            self.setStyleSheet("color: #2e7d32;")
        else:
            self.setText("⚠ not found in the source's text")
            self.setStyleSheet("color: #b35c00;")
        self.setToolTip(plain_tooltip(check.describe()))  # it quotes the source
        self.show()
