"""Trip Journal: an offline travel journal that files photos on the right day and exports posts.

The package is layered: everything directly below ``journal`` is a pure-Python core (domain,
storage, photo import, export) that never imports Qt; ``journal.gui`` is a thin layer on top of
it. The CLI (``journal.cli``) and the GUI reach the core through the same service facade,
``journal.services.JournalService``.
"""
