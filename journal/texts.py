"""The texts of a trip: its intro, one text (and title) per day, its closing.

``TextTarget`` names one of them. It is the one way every part of the app says which text it
reads or writes — the editor and its autosave, ``journal set-text``, the post import — through
``JournalService.text`` and ``set_text``, so where each part is stored is decided in one place.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class TextPart(StrEnum):
    """The texts of a trip, in the order the post shows them."""

    INTRO = "intro"
    DAY = "day"
    CLOSING = "closing"


@dataclass(frozen=True)
class TextTarget:
    """One text of a trip: a day's (``day`` set), or the intro or the closing (``day`` None)."""

    part: TextPart
    day: date | None = None

    def __post_init__(self) -> None:
        if (self.part is TextPart.DAY) != (self.day is not None):
            wrong = "needs a" if self.day is None else "has no"
            raise ValueError(f"a {self.part} text {wrong} day")

    @classmethod
    def intro(cls) -> "TextTarget":
        return cls(TextPart.INTRO)

    @classmethod
    def closing(cls) -> "TextTarget":
        return cls(TextPart.CLOSING)

    @classmethod
    def of_day(cls, day: date) -> "TextTarget":
        return cls(TextPart.DAY, day)

    @property
    def has_title(self) -> bool:
        """Whether the text has a title beside its body: a day's has, the intro and closing not."""
        return self.part is TextPart.DAY
