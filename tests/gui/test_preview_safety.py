"""The preview shows the library's photos and nothing else: no file, no address is ever read.

A day's text can hold any link (an imported post keeps its own), and ``QTextBrowser`` would read
a local path on the UI thread: ``/dev/zero`` aborted the app, a FIFO hung it, and since the day
is reopened at start the library could never be opened again. Images here are pure red so a
rendered one shows as red pixels; placeholders are grey.
"""

import base64
import os
import resource
import textwrap
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument
from pytestqt.qtbot import QtBot

from journal.gui.preview_pane import PreviewPane
from journal.services import JournalService, NewTrip
from journal.store.library import Library
from tests.gui.app_process import run_app

RED = (255, 0, 0)


def red_pixels(image: QImage) -> int:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    return sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if (color := image.pixelColor(x, y)).red() > 200
        and color.green() < 60
        and color.blue() < 60
    )


@pytest.fixture
def red_files(tmp_path: Path) -> Path:
    """A red JPEG and PNG, a style sheet that paints text red, and a page with a secret."""
    Image.new("RGB", (120, 90), RED).save(tmp_path / "red.jpg", quality=95)
    Image.new("RGB", (120, 90), RED).save(tmp_path / "red.png")
    (tmp_path / "red.css").write_text("body { background-color: red } p { color: red }")
    (tmp_path / "page.html").write_text("<p style='background-color: red'>SECRET PAGE</p>")
    return tmp_path


def shown_pane(qtbot: QtBot) -> PreviewPane:
    pane = PreviewPane(lambda photo_id: None)
    qtbot.addWidget(pane)
    pane.resize(600, 500)
    pane.show()
    qtbot.waitExposed(pane)
    return pane


def red_png_data_url(files: Path) -> str:
    return "data:image/png;base64," + base64.b64encode((files / "red.png").read_bytes()).decode()


@pytest.mark.parametrize(
    ("markdown", "placeholder"),
    [
        ("![harbour]({files}/red.jpg)", "harbour — {files}/red.jpg"),
        ("![harbour](red.png)", "harbour — red.png"),  # relative to the working folder
        ("- in a list\n\n  ![](<{files}/red.png>)", "{files}/red.png"),
        ("![web](http://127.0.0.1:9/red.png)", "web — http://127.0.0.1:9/red.png"),
        ("![inline]({data_url})", "inline — data:image/png;base64,"),
    ],
)
def test_markdown_images_outside_the_library_are_named_not_shown(
    qtbot: QtBot,
    red_files: Path,
    monkeypatch: pytest.MonkeyPatch,
    markdown: str,
    placeholder: str,
) -> None:
    monkeypatch.chdir(red_files)
    pane = shown_pane(qtbot)
    values = {"files": red_files, "data_url": red_png_data_url(red_files)}

    pane.set_markdown(f"Before.\n\n{markdown.format(**values)}\n\nAfter.", immediately=True)

    text = pane.toPlainText()
    assert f"[image outside the library, not shown: {placeholder.format(**values)}" in text
    assert text.startswith("Before.")
    assert text.rstrip().endswith("After.")
    assert red_pixels(pane.grab().toImage()) == 0


@pytest.mark.parametrize(
    "markup",
    [
        '<img src="{files}/red.png">',
        '<img src="file://{files}/red.jpg" width="120" height="90">',
        '<img src="red.png">',
        '<img src="{data_url}">',
        '<table background="{files}/red.png" width="300" height="120"><tr><td>cell</td></tr>'
        "</table>",
        '<link rel="stylesheet" type="text/css" href="{files}/red.css" />\n\n<p>styled</p>',
    ],
)
def test_raw_html_loads_nothing(
    qtbot: QtBot, red_files: Path, monkeypatch: pytest.MonkeyPatch, markup: str
) -> None:
    monkeypatch.chdir(red_files)
    pane = shown_pane(qtbot)

    html = markup.format(files=red_files, data_url=red_png_data_url(red_files))
    pane.set_markdown(f"Before.\n\n{html}\n\nAfter.", immediately=True)

    assert pane.toPlainText().startswith("Before.")
    assert red_pixels(pane.grab().toImage()) == 0


def test_an_html_image_is_replaced_by_a_framed_label(qtbot: QtBot) -> None:
    pane = shown_pane(qtbot)

    label = pane.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl("/etc/passwd"))

    assert isinstance(label, QImage)
    assert not label.isNull()
    assert 40 < label.width() / label.devicePixelRatio() <= pane.viewport().width()


def test_the_pane_cannot_be_sent_to_a_local_page(qtbot: QtBot, red_files: Path) -> None:
    pane = shown_pane(qtbot)
    pane.set_markdown("Day text.", immediately=True)

    pane.setSource(QUrl.fromLocalFile(str(red_files / "page.html")))

    assert "SECRET" not in pane.toPlainText()
    assert red_pixels(pane.grab().toImage()) == 0
    assert not pane.openLinks()
    assert not pane.openExternalLinks()


#: Prints what the preview shows once it shows the day's text.
SHOW_PREVIEW = """
def drive() -> None:
    shown = window.editor.preview.toPlainText()
    if "The end." not in shown:
        QTimer.singleShot(50, drive)
        return
    print(window.editor.preview.isVisible(), flush=True)
    print(shown, flush=True)
    window.close()
    app.quit()
"""

#: The most memory the app may take: the old preview read /dev/zero until memory ran out.
APP_MEMORY_LIMIT = 3 * 1024**3


def limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (APP_MEMORY_LIMIT, APP_MEMORY_LIMIT))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_library_whose_text_names_dev_zero_and_a_fifo_opens(
    library_root: Path, tmp_path: Path
) -> None:
    fifo = tmp_path / "fifo.jpg"
    os.mkfifo(fifo)
    text = textwrap.dedent(
        f"""\
        ![zero](/dev/zero) ![pipe]({fifo})

        <img src="/dev/zero"> <img src="{fifo}"> <img src="/etc/passwd">

        <link rel="stylesheet" type="text/css" href="{fifo}" />

        The end.
        """
    )
    with Library.open(library_root) as library:
        service = JournalService(library)
        trip = service.create_trip(
            NewTrip("Hostile", date(2023, 9, 16), date(2023, 9, 18), "Asia/Seoul")
        ).trip
        assert trip is not None
        service.set_day_text(trip.id, date(2023, 9, 16), text)

    app = run_app(
        SHOW_PREVIEW, library_root, tmp_path / "s.ini", preexec_fn=limit_memory, timeout=30
    )

    assert app.returncode == 0, app.stderr
    visible, shown = app.stdout.split("\n", 1)
    assert visible == "True"
    assert "[image outside the library, not shown: zero — /dev/zero]" in shown
    assert f"[image outside the library, not shown: pipe — {fifo}]" in shown
