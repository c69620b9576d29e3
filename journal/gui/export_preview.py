"""The Export dialog's preview: the Markdown the export would write, as the options stand.

The export is planned on the database thread (it reads the trip) ``PREVIEW_DELAY_MS`` after the
last change to an option that shapes the Markdown, so typing a heading does not plan on every
key. Each plan has a generation: one computed for options the user has since changed is dropped.
"""

import dataclasses
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from journal.errors import JournalError
from journal.export import ExportPlan
from journal.gui.background import TaskRunner
from journal.gui.export_form import ExportForm
from journal.services import JournalService

PREVIEW_DELAY_MS = 300


class ExportPreview(QPlainTextEdit):
    def __init__(
        self,
        service: JournalService,
        runner: TaskRunner,
        trip_id: int,
        form: ExportForm,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self._service = service
        self._runner = runner
        self._trip_id = trip_id
        self._form = form
        self._generation = 0
        self._timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        form.markdown_changed.connect(self._timer.start)

    def stop(self) -> None:
        """No more previews: the dialog is closing."""
        self._timer.stop()

    def refresh(self) -> None:
        """Plan the export as the form stands and show its Markdown (or why it cannot be)."""
        self._generation += 1
        generation = self._generation
        try:
            front_matter = self._form.front_matter()
        except JournalError as error:
            self.setPlainText(f"⚠ {error}")
            return
        settings = self._form.settings()
        if settings.folder is None:
            # The folder changes nothing in the Markdown; a placeholder lets the preview show.
            settings = dataclasses.replace(settings, folder=Path.home())
        service, trip_id = self._service, self._trip_id

        def work() -> ExportPlan:
            return service.plan_export(trip_id, settings, front_matter=front_matter)

        def show(plan: ExportPlan) -> None:
            if generation == self._generation:
                self.setPlainText(plan.markdown)

        def failed(error: Exception) -> None:
            if generation != self._generation:
                return
            if not isinstance(error, JournalError):
                raise error
            self.setPlainText(f"⚠ {error}")

        self._runner.database_call(work, show, failed)
