"""Counts in words for messages: "1 photo", "4 photos"."""


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """``number`` and ``noun``, in the plural (``noun`` + "s" unless given) unless it is 1."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"
