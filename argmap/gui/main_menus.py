"""The main window's menus and keyboard shortcuts.

Every gesture a menu offers is a method of the editor (or the view, or the
find bar); this module only wires them to menu entries and keys.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QToolBar

from argmap.gui.compare import add_compare_actions
from argmap.gui.help import ShortcutsDialog, show_about, show_legend
from argmap.gui.icons import icon
from argmap.gui.items import EdgeItem
from argmap.gui.layout_runner import GRAPHVIZ, TREE
from argmap.gui.map_tree import arguments_by
from argmap.gui.undo_actions import undo_redo_actions
from argmap.model import RelationKind

if TYPE_CHECKING:
    from argmap.gui.mainwindow import MainWindow

__all__ = ["build_menus"]


def _action(
    window: MainWindow, text: str, slot, shortcuts=(), *, menu=None, context=None, name=None
) -> QAction:
    action = QAction(text, window)
    if name is not None:
        window.named_actions[name] = action
    action.setShortcuts([key for s in shortcuts for key in _bindings(s)])
    if context is not None:
        action.setShortcutContext(context)
    action.triggered.connect(slot)
    window.addAction(action)
    if menu is not None:
        menu.addAction(action)
    return action


def _bindings(key: str | QKeySequence.StandardKey) -> list[QKeySequence]:
    """A key, or every key the platform binds to a standard command (Cut: Ctrl+X, Shift+Del)."""
    if isinstance(key, QKeySequence.StandardKey):
        return QKeySequence.keyBindings(key)
    return [QKeySequence(key)]


def build_menus(window: MainWindow) -> QActionGroup:
    """The window's menus, toolbar and keyboard shortcuts; the group of layout styles."""
    file_menu = window.menuBar().addMenu("&File")
    window.files.build_menu(file_menu)
    window.named_actions.update(window.files.actions)
    add_compare_actions(window, file_menu)
    edit = window.menuBar().addMenu("&Edit")
    undo, redo = undo_redo_actions(window)  # what is being typed is kept first
    edit.addActions([undo, redo])
    window.named_actions.update(undo=undo, redo=redo)
    edit.addSeparator()
    act = partial(_action, window)
    act(
        "&Add Reason",
        lambda: window.editor.add_premise(RelationKind.SUPPORT),
        ("Insert", "Ctrl+Return"),
        menu=edit,
        name="add_reason",
    )
    act(
        "Add &Objection",
        lambda: window.editor.add_premise(RelationKind.ATTACK),
        ("Shift+Insert", "Ctrl+Shift+Return"),
        menu=edit,
        name="add_objection",
    )
    act(
        "Add Co-prem&ise",
        window.editor.add_co_premise,
        ("Alt+Insert", "Alt+Return"),
        menu=edit,
        name="add_co_premise",
    )
    act("&Edit Text", window._edit_text, ("F2",), menu=edit, name="edit_text")
    act("&Delete", window.editor.delete_selection, ("Delete",), menu=edit, name="delete")
    act("Select A&ll", window.scene.select_all, (QKeySequence.StandardKey.SelectAll,), menu=edit)
    edit.addSeparator()
    cut, copy, paste = (
        QKeySequence.StandardKey.Cut,
        QKeySequence.StandardKey.Copy,
        QKeySequence.StandardKey.Paste,
    )
    act("Cu&t", window.editor.cut_selection, (cut,), menu=edit, name="cut")
    act("&Copy", window.editor.copy_selection, (copy,), menu=edit, name="copy")
    act("&Paste", window.editor.paste, (paste,), menu=edit, name="paste")
    act(
        "&Quote Selected Passage",
        window.source_text.quote_selection,
        ("Ctrl+Shift+Q",),
        menu=edit,
        name="quote_passage",
    )
    edit.addSeparator()
    act("&Find…", window.find_bar.open_bar, (QKeySequence.StandardKey.Find,), menu=edit)
    act("Find Ne&xt", lambda: window.find_bar.step(1), ("F3",), menu=edit)
    act("Find Pre&vious", lambda: window.find_bar.step(-1), ("Shift+F3",), menu=edit)
    edit.addSeparator()
    act(
        "Turn Support ⇄ Attack",
        partial(turn_selected_arrows, window),
        ("Ctrl+T",),
        menu=edit,
        name="toggle_kind",
    )
    act(
        "Select Card ⇄ Arro&w",
        partial(switch_card_and_arrow, window),
        ("Ctrl+Shift+A",),
        menu=edit,
        name="card_arrow",
    )
    edit.addSeparator()
    groups = window.editor.groups
    act("&Group…", lambda: groups.group_selection(), ("Ctrl+G",), menu=edit, name="group")
    act("U&ngroup", groups.ungroup_selection, ("Ctrl+Shift+G",), menu=edit)
    act("Rena&me Group…", lambda: groups.rename_group(), (), menu=edit, name="rename_group")
    edit.addSeparator()
    preferences = act(
        "Preference&s…", window.show_preferences, ("Ctrl+,",), menu=edit, name="preferences"
    )
    preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
    view_context = Qt.ShortcutContext.WidgetWithChildrenShortcut
    for key, direction, text in (
        ("Up", "up", "Select what it argues for"),
        ("Down", "down", "Select its first premise"),
        ("Left", "left", "Select the previous sibling"),
        ("Right", "right", "Select the next sibling"),
    ):
        action = QAction(text, window.view)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(view_context)
        action.triggered.connect(lambda checked=False, d=direction: window.editor.navigate(d))
        window.view.addAction(action)
    for key, dx, dy, text in (
        ("Alt+Up", 0, -10, "Nudge up"),
        ("Alt+Down", 0, 10, "Nudge down"),
        ("Alt+Left", -10, 0, "Nudge left"),
        ("Alt+Right", 10, 0, "Nudge right"),
    ):
        action = QAction(text, window.view)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(view_context)
        action.triggered.connect(lambda checked=False, x=dx, y=dy: window.editor.nudge(x, y))
        window.view.addAction(action)
    view = window.menuBar().addMenu("&View")
    act("Zoom &In", window.view.zoom_in, ("Ctrl+=", "Ctrl++"), menu=view)
    act("Zoom &Out", window.view.zoom_out, ("Ctrl+-",), menu=view)
    act("&Fit Map", window.view.fit_map, ("Ctrl+0",), menu=view, name="fit")
    view.addSeparator()
    act("Re-&layout Everything", window.editor.unpin_all, ("Ctrl+L",), menu=view)
    act("Lay Out &Unpinned Statements", window.scene.request_layout, (), menu=view)
    layouts = _build_layout_menu(window, view.addMenu("Layout &Style"))
    view.addSeparator()
    modes = window.evaluate_mode
    evaluation_actions = [modes.action, modes.mark_action, modes.assume_action]
    view.addActions(evaluation_actions)
    window.addActions(evaluation_actions)
    window.named_actions.update(evaluate=modes.action, mark=modes.mark_action)
    view.addSeparator()
    docks = (
        window.outline_dock,
        window.inspector_dock,
        window.sources_dock,
        window.source_text_dock,
        window.history_dock,
    )
    for dock in docks:
        view.addAction(dock.toggleViewAction())
    _drop_clashing_bindings(window)
    window.toolbar = _build_toolbar(window)
    view.addAction(window.toolbar.toggleViewAction())
    _build_help_menu(window, window.menuBar().addMenu("&Help"))
    always = {window.named_actions[n] for n in ("shortcuts", "legend", "about", "preferences")}
    files = window.files.actions
    window.map_actions = [a for a in window.actions() if a not in always] + [
        files[n]
        for n in ("save", "save_as", "revert", "export", "export_as", "export_pdf", "close")
    ]
    return layouts


def _drop_clashing_bindings(window: MainWindow) -> None:
    """A platform's extra binding for a standard command (Paste: Shift+Ins) gives way to ours.

    argmap's own keys (Shift+Insert adds an objection) are what its users
    learn; a key bound to two commands would do neither.
    """
    actions = [a for a in window.actions() if a.shortcuts()]
    for action in actions:
        others = {
            key.toString() for other in actions if other is not action for key in other.shortcuts()
        }
        keys = action.shortcuts()
        if len(keys) > 1 and any(k.toString() in others for k in keys[1:]):
            action.setShortcuts([keys[0], *(k for k in keys[1:] if k.toString() not in others)])


TOOLBAR = (
    ("new", "new"),
    ("open", "open"),
    ("save", "save"),
    None,
    ("add_reason", "add-reason"),
    ("add_objection", "add-objection"),
    None,
    ("undo", "undo"),
    ("redo", "redo"),
    None,
    ("fit", "fit"),
    ("evaluate", "evaluate"),
    ("export", "export"),
)


def _build_toolbar(window: MainWindow) -> QToolBar:
    """The main commands, with icons; View › Toolbar hides it."""
    toolbar = QToolBar("Toolbar", window)
    toolbar.setObjectName("main-toolbar")  # saveState() finds it by this name
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    for entry in TOOLBAR:
        if entry is None:
            toolbar.addSeparator()
            continue
        name, icon_name = entry
        action = window.named_actions[name]
        action.setIcon(icon(icon_name))
        toolbar.addAction(action)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
    return toolbar


def _build_help_menu(window: MainWindow, menu: QMenu) -> None:
    act = partial(_action, window)
    act(
        "&Keyboard Shortcuts",
        lambda: ShortcutsDialog(window).exec(),
        (QKeySequence.StandardKey.HelpContents,),
        menu=menu,
        name="shortcuts",
    )
    act("Map &Legend", lambda: show_legend(window), (), menu=menu, name="legend")
    act("&About argmap", lambda: show_about(window), (), menu=menu, name="about")


def _build_layout_menu(window: MainWindow, menu: QMenu) -> QActionGroup:
    """Tree (stays put while editing) or Graphviz's layered drawing; remembered between runs."""
    group = QActionGroup(window)
    chosen = window.settings.value("layout/engine", TREE)
    for engine, label in (
        (TREE, "&Tree (stays put while you edit)"),
        (GRAPHVIZ, "&Graphviz (layered)"),
    ):
        action = QAction(label, window, checkable=True)
        action.setData(engine)
        action.setChecked(engine == chosen)
        group.addAction(action)
        menu.addAction(action)
    group.triggered.connect(partial(_choose_layout, window))
    window.layout_actions = group
    window.scene.set_engine(chosen if chosen in (TREE, GRAPHVIZ) else TREE)
    return group


def _choose_layout(window: MainWindow, action: QAction) -> None:
    window.settings.setValue("layout/engine", action.data())
    if action.data() == window.scene.engine:
        return
    selected = window.scene.selected_statement_ids()

    def landed() -> None:
        """The other layout puts every card elsewhere: show the selected card, or the map
        as it shows when opened, rather than the empty place the view was looking at."""
        window.scene.layoutApplied.disconnect(landed)
        item = window.scene.statement_items.get(selected[0]) if selected else None
        if item is not None:
            window.view.centerOn(item)
            return
        claims = window.document.map.main_claims()
        start = window.scene.statement_items.get(claims[0].id) if claims else None
        window.view.show_start(start, corner=window.scene.engine == TREE)

    window.scene.layoutApplied.connect(landed)
    window.scene.set_engine(action.data())


def turn_selected_arrows(window: MainWindow) -> None:
    """Ctrl+T: turn the selected arrows around, or else those the selected cards argue by.

    With cards alone selected (as the keyboard leaves it), the arrows from
    them to what they argue for are turned: one undo step, in the map's order.
    """
    scene = window.scene
    arrows = [e.relation_id for e in scene.selectedItems() if isinstance(e, EdgeItem)]
    if not arrows:
        cards = scene.selected_statement_ids()
        arrows = arguments_by(window.document.map, cards)
        if cards and not arrows:
            window.statusBar().showMessage(
                "A main claim argues for nothing: it has no arrow to turn around.", 5000
            )
    window.editor.toggle_relation_kinds(arrows)


def switch_card_and_arrow(window: MainWindow) -> None:
    """Ctrl+Shift+A: from the selected cards to the arrows they argue by, and back.

    The keyboard's way to an arrow, whose speaker, quote and weight the
    inspector then shows. Back from those arrows, the cards the switch came
    from are selected again; from arrows selected otherwise, their first premises.
    """
    scene = window.scene
    arrows = {e.relation_id for e in scene.selectedItems() if isinstance(e, EdgeItem)}
    relations = window.document.map.relations
    if arrows:
        came_from = _switched_from.get(window)
        if came_from is not None and came_from[0] == arrows:
            scene.select_only([sid for sid in came_from[1] if sid in scene.statement_items])
        else:
            scene.select_only([r.premises[0] for r in relations if r.id in arrows])
        return
    cards = scene.selected_statement_ids()
    wanted = set(arguments_by(window.document.map, cards))
    edges = [e for e in scene.edge_items if e.relation_id in wanted]
    if not edges:  # a main claim, or arrows not drawn yet
        if cards:
            window.statusBar().showMessage(
                "A main claim argues for nothing: it has no arrow.", 5000
            )
        return
    scene.select_only([])
    for edge in edges:
        edge.setSelected(True)
    _switched_from[window] = (wanted, cards)
    window.view.ensureVisible(edges[0])
    focus = QApplication.focusWidget()
    if focus is not None and window.inspector.isAncestorOf(focus):
        # The inspector now shows the arrow: its Kind box would take the keyboard, and an
        # arrow key there would turn the arrow around. The keys go on on the canvas.
        window.view.setFocus(Qt.FocusReason.OtherFocusReason)


# The cards each window's last Ctrl+Shift+A came from, with the arrows it selected.
_switched_from: WeakKeyDictionary[MainWindow, tuple[set[str], list[str]]] = WeakKeyDictionary()
