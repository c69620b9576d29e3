"""The place of a photo or a day: the one given by hand, else the one its position names."""

from typing import Protocol

from journal.places.finder import Place, PlaceFinder, Relation


def hand_place(finder: PlaceFinder, place_id: int, label: str | None, language: str) -> Place:
    """A place given by hand, in ``language``; if the index no longer has it, the label it had
    when it was chosen."""
    match = finder.place_named(place_id, language)
    return match.place if match else Place(Relation.IN, city=label, place_id=place_id)


class Placeable(Protocol):
    """A photo as the library or a snapshot of it has it: a place by hand, a position."""

    @property
    def place_id(self) -> int | None: ...
    @property
    def place_label(self) -> str | None: ...
    @property
    def gps_latitude(self) -> float | None: ...
    @property
    def gps_longitude(self) -> float | None: ...


def place_of(finder: PlaceFinder, photo: Placeable, language: str) -> Place | None:
    """The place given by hand (which wins), else the one the position names; None for neither."""
    if photo.place_id is not None:
        return hand_place(finder, photo.place_id, photo.place_label, language)
    if photo.gps_latitude is not None and photo.gps_longitude is not None:
        return finder.place_at(photo.gps_latitude, photo.gps_longitude, language)
    return None
