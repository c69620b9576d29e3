"""The writing pane: a day's title and Markdown text, its word count, find, and live preview.

``show_target`` saves what was being written, then loads the new section on the database thread;
the editor stays read-only until the text arrives so no keystroke can land in the wrong day.
A load that arrives after the user moved on again is dropped (each load has a generation).
Text the core rewrote (a deleted photo's references taken out) is loaded again in place.

Undo is the window's, not the text box's: the document keeps no undo history, and Ctrl+Z in the
editor or the title reaches Edit ▸ Undo, whose history holds the typing ("Typing") among every
other change (``undo_stacks``). An undone text comes back through the library and is loaded again
with the cursor where the text changed.
"""

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QSplitter, QVBoxLayout, QWidget

from journal.gui.autosave import Draft, DraftSaver, DraftTarget
from journal.gui.background import TaskRunner
from journal.gui.find_bar import FindBar
from journal.gui.markdown_editor import MarkdownEditor
from journal.gui.plain_text import plain_label
from journal.gui.preview_pane import PreviewPane
from journal.services import Changes, JournalService, TextTarget
from journal.text_stats import count_words

#: How long after typing the word count and preview catch up.
STATS_DELAY_MS = 250


class EditorPane(QWidget):
    #: A save went through: its ``Changes``.
    saved = Signal(object)
    #: Something the user must know (a failed save or load).
    problem = Signal(str)
    #: The user typed: text not saved yet, which Undo takes back too.
    edited = Signal()

    def __init__(
        self,
        service: JournalService,
        runner: TaskRunner,
        image_for: Callable[[int], QImage | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self._target: DraftTarget | None = None
        self._generation = 0
        self._loading = False

        self.heading = plain_label(parent=self)
        self.heading.setObjectName("editor-heading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.title = QLineEdit(self)
        self.title.setPlaceholderText("Title of the day")
        self.title.setAccessibleName("Day title")
        self.editor = MarkdownEditor(self)
        self.find_bar = FindBar(self.editor, self)
        self.preview = PreviewPane(image_for, self)
        self.word_count = plain_label(parent=self)
        self.word_count.setAccessibleName("Word count")
        self.save_state = plain_label(parent=self)
        self.save_state.setAccessibleName("Save state")
        self.explanation = plain_label(parent=self)
        self.explanation.setWordWrap(True)
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.explanation.setObjectName("editor-explanation")
        self.explanation.hide()

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("editor-splitter")
        self.splitter.setChildrenCollapsible(False)
        writing = QWidget(self.splitter)
        writing_layout = QVBoxLayout(writing)
        writing_layout.setContentsMargins(0, 0, 0, 0)
        writing_layout.setSpacing(2)
        writing_layout.addWidget(self.editor, 1)
        writing_layout.addWidget(self.find_bar)
        self.splitter.addWidget(writing)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)

        footer = QHBoxLayout()
        footer.addWidget(self.word_count)
        footer.addStretch(1)
        footer.addWidget(self.save_state)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.title)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.explanation, 1)
        layout.addLayout(footer)

        self.saver = DraftSaver(service, runner, self._current_draft, self)
        self.saver.saved.connect(self._on_saved)
        self.saver.failed.connect(self._on_save_failed)
        self._stats_timer = QTimer(self)
        self._stats_timer.setSingleShot(True)
        self._stats_timer.setInterval(STATS_DELAY_MS)
        self._stats_timer.timeout.connect(self._update_stats)
        self.editor.setUndoRedoEnabled(False)
        #: The text an undo is putting back: its reload puts the cursor where it changed.
        self._reverting: DraftTarget | None = None
        for box in (self.editor, self.title):
            box.installEventFilter(self)
        self.editor.textChanged.connect(self._on_edited)
        self.title.textEdited.connect(self._on_edited)
        self._set_enabled(False)
        self.heading.setText("Pick a day in the timeline to write")

    def show_target(self, target: DraftTarget | None, heading: str) -> None:
        """Save the current section, then load ``target`` (None: nothing to write on)."""
        self.saver.flush()
        self._generation += 1
        self._target = target
        self.heading.setText(heading)
        self.find_bar.hide()
        self._show_writing(True)
        if target is None:
            self._replace_text("", "")
            self._set_enabled(False)
            return
        self.title.setVisible(target[1].has_title)
        self._load(target, keep_place=False)

    def reload_rewritten(self, changes: Changes) -> None:
        """Load the section shown again if ``changes`` rewrote its text: otherwise the editor
        would keep showing what is gone (a deleted photo) and its next save would write it back.
        Edits not saved yet are saved first, as on a switch; the cursor stays where it was."""
        target = self._target
        if target is not None and changes.rewrote(*target):
            self.saver.flush()
            self._generation += 1
            self._load(target, keep_place=True)

    def reverting(self, trip_id: int, target: TextTarget) -> None:
        """An undo or redo is putting ``target`` back: once it is reloaded, the cursor goes to
        where it changed, as in any editor's undo."""
        self._reverting = (trip_id, target)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Let Ctrl+Z and its kin through to the window's Undo and Redo: a text box claims
        them for its own (empty) history otherwise."""
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            keys = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
            if any(event.matches(key) for key in keys) or _is_redo_y(event):
                event.ignore()
                return True
        return super().eventFilter(watched, event)

    def _load(self, target: DraftTarget, *, keep_place: bool) -> None:
        """Read ``target``'s text on the database thread; the editor is read-only meanwhile."""
        self._loading = True
        self.editor.setReadOnly(True)
        generation = self._generation
        self._runner.database_call(
            lambda: self._service.text(*target),
            lambda loaded: self._on_loaded(generation, loaded, keep_place),
            lambda error: self._on_load_failed(generation, error),
        )

    def show_explanation(self, heading: str, explanation: str) -> None:
        """A section with nothing to write (the Unassigned tray): the current text is saved and
        the writing widgets give way to ``explanation``, rather than an empty editor that
        looks usable and is not."""
        self.show_target(None, heading)
        self.explanation.setText(explanation)
        self._show_writing(False)

    def _show_writing(self, visible: bool) -> None:
        for widget in (self.title, self.splitter, self.word_count, self.save_state):
            widget.setVisible(visible)
        self.explanation.setVisible(not visible)

    def flush(self) -> None:
        self.saver.flush()

    def set_preview_visible(self, visible: bool) -> None:
        self.preview.setVisible(visible)

    def image_arrived(self, photo_id: int) -> None:
        self.preview.image_arrived(photo_id)

    def _on_loaded(self, generation: int, loaded: tuple[str, str], keep_place: bool) -> None:
        if generation != self._generation:
            return
        title, body = loaded
        if not keep_place:
            self._replace_text(title, body)
        elif loaded == (self.title.text(), self.editor.toPlainText()):
            self._loading = False  # unchanged: keep the undo history too
        else:
            position = self.editor.textCursor().position()
            if self._reverting == self._target:
                position = _first_difference(self.editor.toPlainText(), body)
            scrolled = self.editor.verticalScrollBar().value()
            self._replace_text(title, body)
            cursor = self.editor.textCursor()
            cursor.setPosition(min(position, self.editor.document().characterCount() - 1))
            self.editor.setTextCursor(cursor)
            self.editor.verticalScrollBar().setValue(scrolled)
        self._set_enabled(True)
        if not keep_place:
            self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self._reverting = None

    def _on_load_failed(self, generation: int, error: Exception) -> None:
        if generation == self._generation:
            self._loading = False
            self._set_enabled(False)
            self.problem.emit(str(error))

    def _replace_text(self, title: str, body: str) -> None:
        self._loading = True
        self.title.setText(title)
        self.editor.setPlainText(body)
        self._loading = False
        self.saver.discard()
        self.save_state.setText("")
        self._update_stats(immediately=True)

    def _set_enabled(self, enabled: bool) -> None:
        self.editor.setReadOnly(not enabled)
        self.editor.setEnabled(enabled)
        self.title.setEnabled(enabled)

    def _current_draft(self) -> Draft | None:
        if self._target is None:
            return None
        title = self.title.text() if self._target[1].has_title else None
        return Draft(self._target, self.editor.toPlainText(), title)

    def _on_edited(self) -> None:
        if self._loading or self._target is None:
            return
        self.saver.changed()
        self.edited.emit()
        self.save_state.setText("Editing…")
        self._stats_timer.start()

    def _update_stats(self, *, immediately: bool = False) -> None:
        text = self.editor.toPlainText()
        words = count_words(text)
        self.word_count.setText(f"{words:,} word{'' if words == 1 else 's'}")
        self.preview.set_markdown(text, immediately=immediately)

    def _on_saved(self, changes: object) -> None:
        if self.saver.idle:
            self.save_state.setText("Saved")
        self.saved.emit(changes)

    def _on_save_failed(self, message: str) -> None:
        self.save_state.setText("Not saved")
        self.problem.emit(message)


def _is_redo_y(event: QKeyEvent) -> bool:
    """Ctrl+Y, Redo on Windows and in most editors, which Qt's Redo does not name on Linux."""
    return QKeySequence(event.keyCombination()) == QKeySequence("Ctrl+Y")


def _first_difference(old: str, new: str) -> int:
    """Where ``new`` starts to differ from ``old``: where an undone edit was."""
    same = 0
    for a, b in zip(old, new, strict=False):
        if a != b:
            break
        same += 1
    return same
