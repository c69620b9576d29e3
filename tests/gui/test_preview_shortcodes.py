"""The preview shows an image a Hugo shortcode or a Jekyll include stands for (issue 13): an
imported post keeps ``{{< figure src="photo:12" >}}`` as written, and the day's preview shows the
photo, sized like any other, instead of the shortcode's text."""

from journal.gui.preview_html import BLOCKED_IMAGE_CLASS, PreviewRenderer


def test_a_figure_shortcode_of_a_photo_is_shown_as_the_photo() -> None:
    html = PreviewRenderer(max_photo_width=400).render(
        'Namsan:\n\n{{< figure src="photo:12" caption="The tower" >}}\n\n'
        '{% include figure.html path="photo:13" alt="Night" %}\n'
    )

    assert '<img src="photo:12" alt="The tower" width="400" />' in html
    assert '<img src="photo:13" alt="Night" width="400" />' in html
    assert "{{" not in html
    assert "{%" not in html


def test_a_shortcode_of_a_file_is_named_not_shown() -> None:
    html = PreviewRenderer().render('{{< figure src="/etc/passwd.jpg" caption="x" >}}\n')

    assert BLOCKED_IMAGE_CLASS in html
    assert "/etc/passwd.jpg" in html
    assert "<img" not in html
