"""Where a photo's position came from, kept beside it so that each source knows its own.

A photo's own GPS always wins: a track only fills in photos without one, and matching a track
again replaces only the positions a track gave.
"""

from enum import StrEnum


class PositionSource(StrEnum):
    #: The photo's file recorded it (EXIF GPS).
    OWN = "own"
    #: Matched by its capture time to a GPS track the user imported.
    TRACK = "track"
    #: The centre of the place the user chose for a photo that had no position (never a
    #: track's: the user's word wins over a track's guess).
    HAND = "hand"
