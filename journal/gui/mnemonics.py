"""Text from the user inside Qt labels that treat ``&`` as a keyboard shortcut marker.

Menu items, buttons and check boxes underline the letter after an ``&`` and drop the ``&``
itself, so a trip called "Lisbon & Porto" would read "Lisbon _Porto" with a stray Alt+P
shortcut. Doubling the ``&`` shows it as written.
"""


def shown_as_written(text: str) -> str:
    """``text`` for a widget that reads ``&`` as a mnemonic, showing every ``&`` literally."""
    return text.replace("&", "&&")
