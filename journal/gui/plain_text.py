"""Labels, message boxes and tooltips that show text as text, never as HTML.

Qt guesses whether a label's, a message box's or a tooltip's text is HTML
(``Qt::mightBeRichText``), and in HTML ``<img src="…">`` makes it read that path on the UI thread:
a trip title, a file name or a camera model of ``<img src="/some/fifo">`` hung the app for good,
``/dev/zero`` aborted it. Such text comes from imported posts, photo metadata, file names and
error messages quoting them. So every label and message box of the GUI is made here, with its
text format set: plain text for anything that carries data; rich text only for markup the GUI
writes itself, with every piece of data in it passed through ``html.escape``. Tooltips have no
plain mode, so ``plain_tooltip`` writes text as HTML that shows it literally.
"""

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

Button = QMessageBox.StandardButton
Icon = QMessageBox.Icon


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label that shows ``text`` as it is, whatever it holds."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def rich_label(markup: str = "", parent: QWidget | None = None) -> QLabel:
    """A label for markup the GUI writes itself: each piece of data in it must be escaped."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setText(markup)
    return label


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` literally, line breaks and runs of spaces included.

    Escaping alone is not enough: Qt reads a tooltip as HTML only when it finds a tag, or an
    ``&lt;`` before the first line break, so an escaped text could be shown with its entities.
    The span makes it HTML for certain.
    """
    return f'<span style="white-space:pre-wrap">{html.escape(text)}</span>'


def question(
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: Button = Button.Yes | Button.No,
    default: Button = Button.NoButton,
) -> Button:
    """``QMessageBox.question`` with ``text`` shown as plain text."""
    return _exec(Icon.Question, parent, title, text, buttons, default)


def warning(
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: Button = Button.Ok,
    default: Button = Button.NoButton,
) -> Button:
    """``QMessageBox.warning`` with ``text`` shown as plain text."""
    return _exec(Icon.Warning, parent, title, text, buttons, default)


def information(parent: QWidget | None, title: str, text: str) -> None:
    """``QMessageBox.information`` with ``text`` shown as plain text."""
    _exec(Icon.Information, parent, title, text, Button.Ok, Button.NoButton)


def critical(parent: QWidget | None, title: str, text: str) -> None:
    """``QMessageBox.critical`` with ``text`` shown as plain text."""
    _exec(Icon.Critical, parent, title, text, Button.Ok, Button.NoButton)


def ask(
    parent: QWidget | None, icon: Icon, title: str, text: str, accept: str, reject: str
) -> bool:
    """A choice between two named buttons, ``accept`` the default; True if it was chosen."""
    box = _box(icon, parent, title, text, Qt.TextFormat.PlainText, Button.NoButton)
    chosen = box.addButton(accept, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(reject, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(chosen)
    box.exec()
    return box.clickedButton() is chosen


def about(parent: QWidget | None, title: str, markup: str) -> None:
    """``QMessageBox.about`` for markup the GUI writes itself (data in it must be escaped)."""
    box = _box(Icon.Information, parent, title, markup, Qt.TextFormat.RichText, Button.Ok)
    box.setIconPixmap(box.windowIcon().pixmap(64))
    box.exec()


def _exec(
    icon: Icon, parent: QWidget | None, title: str, text: str, buttons: Button, default: Button
) -> Button:
    """Show the box until it is answered; the button clicked (``NoButton`` if it was closed
    another way), as the static functions of ``QMessageBox`` answer."""
    box = _box(icon, parent, title, text, Qt.TextFormat.PlainText, buttons)
    if default != Button.NoButton:
        box.setDefaultButton(default)
    box.exec()
    clicked = box.clickedButton()
    return Button.NoButton if clicked is None else box.standardButton(clicked)


def _box(
    icon: Icon,
    parent: QWidget | None,
    title: str,
    text: str,
    text_format: Qt.TextFormat,
    buttons: Button,
) -> QMessageBox:
    """The box with its format set before its text, so the text is never taken in while the
    format is still left to guess (as the constructor would take it)."""
    box = QMessageBox(icon, title, "", buttons, parent)
    box.setTextFormat(text_format)
    box.setText(text)
    return box
