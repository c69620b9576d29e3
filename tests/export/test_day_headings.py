"""Headings inside a day's text stay inside the day when the post is read again (issue 13 item 10).

The import cuts a post into days at its ``##`` headings, so a ``## Evening`` written in the last
day's text would start the closing section, and one that reads like a day (``## 2023-09-18``, in
a note about the next day) would start a day. The export writes them below the day headings.
"""

from datetime import date
from pathlib import Path

from journal.export import ExportFormat, ExportSettings
from journal.markdown.post_layout import promote_headings
from journal.post_import.post_structure import split_post
from journal.services import JournalService, TripEdit, TripInfo

TEXTS = {
    date(2023, 9, 16): "Arrived.\n\n## Day 2 plans\n\nThe museum.\n",
    date(
        2023, 9, 17
    ): "# Morning\n\nWorkshop.\n\n## Evening\n\nDinner.\n\n```sh\n# a comment\n```\n",
    date(2023, 9, 18): "Last day.\n\n## Evening\n\nHome.\n\n> ### Quoted\n",
}


def test_every_heading_of_a_days_text_is_read_back_in_its_day(
    service: JournalService, summit: TripInfo, tmp_path: Path
) -> None:
    for day, text in TEXTS.items():
        service.set_day_text(summit.id, day, text)
    service.edit_trip(summit.id, TripEdit(closing="Thanks for reading."))
    settings = ExportSettings(format=ExportFormat.JEKYLL, folder=tmp_path)

    [post] = service.export_trip(summit.id, settings).posts

    body = post.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    assert "\n#### Day 2 plans\n" in body
    assert "\n### Morning\n" in body
    assert "\n# a comment\n" in body  # code is not a heading
    structure = split_post(body)
    assert [day.heading for day in structure.days] == ["Day 0", "Day 1", "Day 2"]
    assert structure.closing.startswith("## Conclusion")
    for section, text in zip(structure.days, TEXTS.values(), strict=True):
        assert promote_headings(section.body.replace("<br>", "")).strip() == text.strip()
