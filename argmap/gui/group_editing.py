"""Gestures on groups: group the selected cards, take them out, rename their group.

Part of the editor (:class:`~argmap.gui.editing.MapEditor` owns one, as
``editor.groups``). Each gesture is one undo step that swaps the whole group
list (:class:`~argmap.gui.commands.SetGroupsCommand`); the list logic lives
in :mod:`argmap.grouping`, without Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from pydantic import ValidationError

from argmap.grouping import enclosing_group, grouped, new_group_id, renamed, ungrouped
from argmap.gui.commands import SetGroupsCommand
from argmap.model import Group

if TYPE_CHECKING:
    from argmap.gui.editing import MapEditor

__all__ = ["GroupGestures"]

# Asks for a title (the window shows a dialog); None: the user cancelled.
TitlePrompt = Callable[[str, str], "str | None"]


class GroupGestures:
    """The editor's gestures on groups; ``ask_title(label, suggestion)`` is set by the window."""

    def __init__(self, editor: MapEditor) -> None:
        self.editor = editor
        self.ask_title: TitlePrompt = lambda _label, suggestion: suggestion

    def group_selection(self, title: str | None = None) -> str | None:
        """The selected cards become a group (a subgroup, inside one group); its id."""
        editor = self.editor
        editor.commit_typing()
        selected = editor.scene.selected_statement_ids()
        if not selected:
            editor.message.emit("Select the statements to group.")
            return None
        groups = editor.document.map.groups
        group_id = new_group_id(groups)
        if title is None:
            title = self.ask_title("Group title:", f"Group {group_id.removeprefix('group-')}")
        if title is None or not title.strip():
            return None
        try:
            new = grouped(groups, selected, title.strip(), group_id)
        except ValidationError as error:
            editor.message.emit(f"Cannot use that title: {error.errors()[0]['msg']}")
            return None
        editor.undo_stack.push(SetGroupsCommand(editor.document, new, "Group statements"))
        return group_id

    def ungroup_selection(self) -> bool:
        """The selected cards leave their groups (a group left empty goes); False if in none."""
        editor = self.editor
        editor.commit_typing()
        selected = set(editor.scene.selected_statement_ids())
        groups = editor.document.map.groups
        if not any(selected & set(group.statements) for group in groups):
            editor.message.emit("None of the selected statements is in a group.")
            return False
        new = ungrouped(groups, selected)
        editor.undo_stack.push(SetGroupsCommand(editor.document, new, "Ungroup statements"))
        return True

    def rename_group(self, title: str | None = None) -> bool:
        """Retitle the innermost group that holds every selected card.

        A card of a subgroup renames the subgroup; cards of two subgroups, the
        group both are in (a group that holds only subgroups is renamed so).
        """
        editor = self.editor
        editor.commit_typing()
        group = self.group_of_selection()
        if group is None:
            editor.message.emit("Select statements of the group to rename (all in one group).")
            return False
        if title is None:
            title = self.ask_title("Group title:", group.title)
        if title is None or not title.strip() or title.strip() == group.title:
            return False
        try:
            new = renamed(editor.document.map.groups, group.id, title.strip())
        except ValidationError as error:
            editor.message.emit(f"Cannot use that title: {error.errors()[0]['msg']}")
            return False
        editor.undo_stack.push(SetGroupsCommand(editor.document, new, "Rename group"))
        return True

    def group_of_selection(self) -> Group | None:
        """The innermost group that holds every selected card (None: none holds them all)."""
        groups = self.editor.document.map.groups
        group_id = enclosing_group(groups, self.editor.scene.selected_statement_ids())
        return next((group for group in groups if group.id == group_id), None)
