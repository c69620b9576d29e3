"""The place of a photo or a day: the one given by hand, else the one its position names."""

from journal.places.finder import Place, PlaceFinder, Relation


def hand_place(finder: PlaceFinder, place_id: int, label: str | None, language: str) -> Place:
    """A place given by hand, in ``language``; if the index no longer has it, the label it had
    when it was chosen."""
    match = finder.place_named(place_id, language)
    return match.place if match else Place(Relation.IN, city=label, place_id=place_id)


def place_of(
    finder: PlaceFinder,
    place_id: int | None,
    label: str | None,
    latitude: float | None,
    longitude: float | None,
    language: str,
) -> Place | None:
    """The place given by hand (which wins), else the one the position names; None for neither."""
    if place_id is not None:
        return hand_place(finder, place_id, label, language)
    if latitude is not None and longitude is not None:
        return finder.place_at(latitude, longitude, language)
    return None
