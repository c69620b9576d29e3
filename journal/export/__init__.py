"""Export a trip as a blog post: Jekyll, a Hugo page bundle, or plain Markdown.

``settings`` holds what the user chooses; ``post`` renders the Markdown with a ``Profile`` of the
target (``jekyll``, ``hugo``, ``plain``) deciding paths and link style; ``images`` makes the
web-ready copies; ``exporter`` writes it all and ``link_check`` proves every image resolves.
The services facade (``journal.services.export_ops``) feeds it a snapshot of the trip.
"""

from journal.export.errors import ExportError, ExportExistsError
from journal.export.exporter import ExportPlan, ExportProgress, ExportReport
from journal.export.link_check import BrokenLink
from journal.export.settings import ExportFormat, ExportSettings, ImageOptions

__all__ = [
    "BrokenLink",
    "ExportError",
    "ExportExistsError",
    "ExportFormat",
    "ExportPlan",
    "ExportProgress",
    "ExportReport",
    "ExportSettings",
    "ImageOptions",
]
