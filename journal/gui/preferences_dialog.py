"""Edit ▸ Preferences (Ctrl+,): colours, the editor's font and size, what Tab does in the editor,
and the size of thumbnails. Every change is stored and applied at once (``appearance``), as
desktop preferences usually are, so the dialog has only Close."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFontComboBox,
    QFormLayout,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from journal.gui import preferences as prefs
from journal.gui.preferences import Preferences

THEME_NAMES = {"system": "As the system", "light": "Light", "dark": "Dark"}


class PreferencesDialog(QDialog):
    #: A preference was changed and stored.
    changed = Signal()

    def __init__(self, preferences: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self._preferences = preferences
        get = preferences.get
        self.theme = QComboBox(self)
        self.theme.setAccessibleName("Colours")
        for theme in prefs.THEMES:
            self.theme.addItem(THEME_NAMES[theme], theme)
        self.theme.setCurrentIndex(max(0, self.theme.findData(get(prefs.THEME))))
        self.font_family = QFontComboBox(self)
        self.font_family.setAccessibleName("Editor font")
        if get(prefs.EDITOR_FONT):
            self.font_family.setCurrentFont(QFont(get(prefs.EDITOR_FONT)))
        else:
            self.font_family.setCurrentFont(self.font())
        self.font_size = QSpinBox(self)
        self.font_size.setAccessibleName("Editor font size")
        self.font_size.setRange(6, 48)
        self.font_size.setSuffix(" pt")
        self.font_size.setValue(get(prefs.EDITOR_FONT_SIZE) or self.font().pointSize())
        self.tab_indents = QCheckBox("Tab &indents in the editor (Ctrl+Tab moves on)", self)
        self.tab_indents.setChecked(not get(prefs.TAB_MOVES_FOCUS))
        self.thumbnail_size = QSlider(Qt.Orientation.Horizontal, self)
        self.thumbnail_size.setAccessibleName("Thumbnail size")
        self.thumbnail_size.setRange(*prefs.THUMBNAIL_SIZES)
        self.thumbnail_size.setValue(get(prefs.THUMBNAIL_SIZE))

        form = QFormLayout()
        form.addRow("&Colours:", self.theme)
        form.addRow("Editor &font:", self.font_family)
        form.addRow("Font &size:", self.font_size)
        form.addRow("", self.tab_indents)
        form.addRow("&Thumbnails:", self.thumbnail_size)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

        self.theme.currentIndexChanged.connect(
            lambda: self._store(prefs.THEME, str(self.theme.currentData()))
        )
        self.font_family.currentFontChanged.connect(
            lambda font: self._store(prefs.EDITOR_FONT, font.family())
        )
        self.font_size.valueChanged.connect(lambda size: self._store(prefs.EDITOR_FONT_SIZE, size))
        self.tab_indents.toggled.connect(
            lambda indents: self._store(prefs.TAB_MOVES_FOCUS, not indents)
        )
        self.thumbnail_size.valueChanged.connect(
            lambda size: self._store(prefs.THUMBNAIL_SIZE, size)
        )

    def _store(self, preference: prefs.Preference[prefs.T], value: prefs.T) -> None:
        self._preferences.set(preference, value)
        self.changed.emit()
