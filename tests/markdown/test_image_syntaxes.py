"""The one image finder knows every syntax real posts show images in, and rewrites only URLs.

Real Jekyll and Hugo posts write images as HTML (in figures, galleries and links), as Hugo
shortcodes, as Jekyll includes, as reference-style Markdown with titles, and with Liquid in the
destination; issue 13 found that none of those were imported. Everything that is not an image
(``{{< youtube >}}``, ``{% post_url %}``, ``{% raw %}``, kramdown attributes) is left alone.
"""

import pytest

from journal.markdown.images import find_images, image_sources, rewrite_urls
from journal.markdown.photo_refs import shown_photos, without_photos
from journal.services.recovery_rebuild import relinked

POST = """\
Intro ![Seoul at night](<my photo.jpg> "Night") and ![b](a%20b.png).

![ref *img*][seoul]{: .wide}

<figure class="big">
  <a href="/images/full.jpg"><img src="/images/thumb.jpg" alt="Tower &amp; sky"></a>
  <figcaption>Namsan <em>tower</em></figcaption>
</figure>

<div class="gallery">
<img src='g1.jpg'><img src=g2.jpg title="two">
<!-- <img src="commented.jpg"> -->
</div>

Inline <IMG SRC="inline.png" alt="x"> html, `<img src="code-span.png">` is code.

{{< figure src="/img/fig.jpg" caption="A \\"quoted\\" caption" >}}
{{< youtube dQw4w9WgXcQ >}}
{{</* figure src="escaped.jpg" */>}}
{{% imgproc "bundle.jpg" Resize "800x" %}}

{% include figure.html path="/assets/inc.jpg" alt="Included" %}
{% include image.html url='/assets/inc2.png' description="D" %}
See {% post_url 2023-01-01-x %} and {% include note.html text="not an image" %}.
{% raw %}{% include figure.html path="/assets/raw.jpg" %}{% endraw %}

![liquid]({{ site.baseurl }}/assets/liq.jpg) and ![f]({{ "/assets/f.jpg" | relative_url }})

```
<img src="fenced.jpg">
![fenced](fenced.png)
```

[seoul]: /images/seoul%20tower.jpg "Seoul tower"
"""

#: (kind, the image as written, its URL as written, its caption, its line), in order.
EXPECTED = [
    ("markdown", '![Seoul at night](<my photo.jpg> "Night")', "my photo.jpg", "Seoul at night", 1),
    ("markdown", "![b](a%20b.png)", "a%20b.png", "b", 1),
    ("reference", "![ref *img*][seoul]", "/images/seoul%20tower.jpg", "ref img", 3),
    (
        "html",
        '<figure class="big">\n  <a href="/images/full.jpg"><img src="/images/thumb.jpg" '
        'alt="Tower &amp; sky"></a>\n  <figcaption>Namsan <em>tower</em></figcaption>\n</figure>',
        "/images/thumb.jpg",
        "Tower & sky",
        5,
    ),
    ("html", "<img src='g1.jpg'>", "g1.jpg", "", 11),
    ("html", '<img src=g2.jpg title="two">', "g2.jpg", "two", 11),
    ("html", '<IMG SRC="inline.png" alt="x">', "inline.png", "x", 15),
    (
        "shortcode",
        '{{< figure src="/img/fig.jpg" caption="A \\"quoted\\" caption" >}}',
        "/img/fig.jpg",
        'A "quoted" caption',
        17,
    ),
    ("shortcode", '{{% imgproc "bundle.jpg" Resize "800x" %}}', "bundle.jpg", "", 20),
    (
        "liquid",
        '{% include figure.html path="/assets/inc.jpg" alt="Included" %}',
        "/assets/inc.jpg",
        "Included",
        22,
    ),
    (
        "liquid",
        "{% include image.html url='/assets/inc2.png' description=\"D\" %}",
        "/assets/inc2.png",
        "D",
        23,
    ),
    (
        "markdown",
        "![liquid]({{ site.baseurl }}/assets/liq.jpg)",
        "{{ site.baseurl }}/assets/liq.jpg",
        "liquid",
        27,
    ),
    (
        "markdown",
        '![f]({{ "/assets/f.jpg" | relative_url }})',
        '{{ "/assets/f.jpg" | relative_url }}',
        "f",
        27,
    ),
]


def test_every_syntax_is_found_with_its_span_url_and_caption() -> None:
    found = [
        (
            image.kind.value,
            POST[image.start : image.end],
            POST[image.url_start : image.url_end],
            image.caption,
            image.line,
        )
        for image in find_images(POST)
    ]

    assert found == EXPECTED


def test_destinations_are_what_the_text_means() -> None:
    destinations = {image.destination for image in find_images(POST)}

    # Entities decoded in HTML, escapes and quotes off in shortcodes, brackets off in Markdown.
    assert {"my photo.jpg", "/images/thumb.jpg", "/img/fig.jpg", "bundle.jpg"} <= destinations
    html = next(image for image in find_images(POST) if image.name == "img")
    assert html.attributes == {"src": "/images/thumb.jpg", "alt": "Tower & sky"}
    figure = next(image for image in find_images(POST) if image.name == "figure")
    assert figure.attributes["caption"] == 'A "quoted" caption'


def test_rewriting_urls_changes_only_the_urls() -> None:
    numbers = iter(range(1, 100))

    rewritten = rewrite_urls(POST, lambda image: f"photo:{next(numbers)}")

    expected = POST
    for number, (_, _, url, _, _) in reversed(list(enumerate(EXPECTED, start=1))):
        if number == 3:  # the reference-style image's URL is in its definition, at the end
            continue
        head, _, tail = expected.rpartition(url)
        expected = f"{head}photo:{number}{tail}"
    expected = expected.replace("[seoul]: /images/seoul%20tower.jpg", "[seoul]: photo:3")
    assert rewritten == expected
    assert [image.url for image in find_images(rewritten)] == [
        f"photo:{number}" for number in range(1, len(EXPECTED) + 1)
    ]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("![a](x.png)", '![a](<a "b" c>)'),
        ("![a](<x y.png>)", '![a](<a "b" c>)'),
        ('<img src="x.png">', '<img src="a &quot;b&quot; c">'),
        ("<img src='x.png'>", "<img src='a &quot;b&quot; c'>"),
        ("<img src=x.png>", '<img src="a &quot;b&quot; c">'),
        ('{{< figure src="x.png" >}}', '{{< figure src="a \\"b\\" c" >}}'),
        ("{{< figure src=x.png >}}", '{{< figure src="a \\"b\\" c" >}}'),
        ('{% include a.html path="x.png" %}', '{% include a.html path="a %22b%22 c.png" %}'),
    ],
)
def test_a_new_url_is_written_as_its_syntax_needs(text: str, written: str) -> None:
    url = 'a "b" c.png' if "include" in text else 'a "b" c'

    rewritten = rewrite_urls(text, lambda image: url)

    assert rewritten == written
    [image] = find_images(rewritten)
    assert image.destination == url.replace('"', "%22" if "include" in text else '"')


NOT_IMAGES = """\
{{< youtube dQw4w9WgXcQ >}} {{< gist user 1234 >}} {{</* figure src="a.jpg" */>}}
{% post_url 2023-07-24-seoul %} {% include toc.html %} {% link _posts/x.md %}
{% raw %}{% include figure.html image="/assets/a.jpg" %} {{< figure src="b.jpg" >}}{% endraw %}
{% comment %}<img src="c.jpg">{% endcomment %} is HTML still, the rest is not.
A paragraph with a kramdown attribute.
{: .lead #intro}

    <img src="indented-code.jpg">

`{{ page.title }}` and <!-- <img src="commented.jpg"> -->
"""


def test_liquid_and_shortcodes_that_are_not_images_are_left_alone() -> None:
    assert [image.url for image in find_images(NOT_IMAGES)] == ["c.jpg"]
    assert rewrite_urls(NOT_IMAGES, lambda image: None) == NOT_IMAGES


def test_image_sources_name_every_syntax() -> None:
    assert list(image_sources(POST)) == [
        "my%20photo.jpg",
        "a%20b.png",
        "/images/seoul%20tower.jpg",
        "/images/thumb.jpg",
        "g1.jpg",
        "g2.jpg",
        "inline.png",
        "/img/fig.jpg",
        "bundle.jpg",
        "/assets/inc.jpg",
        "/assets/inc2.png",
        "%7B%7B%20site.baseurl%20%7D%7D/assets/liq.jpg",
        "%7B%7B%20%22/assets/f.jpg%22%20%7C%20relative_url%20%7D%7D",
    ]


PHOTOS = """\
Start ![a](photo:1) end.

<figure><img src="photo:2" alt="b"><figcaption>B</figcaption></figure>

{{< figure src="photo:3" caption="c" >}}

{% include figure.html path="photo:4" %}

![shared][s] and ![also][s] ![alone][t]

[s]: photo:5
[t]: photo:6
"""


def test_photo_references_in_every_syntax_are_shown_and_removed() -> None:
    assert [shown.photo_id for shown in shown_photos(PHOTOS)] == [1, 2, 3, 4, 5, 5, 6]

    assert without_photos(PHOTOS, {2, 3, 4, 6}) == (
        "Start ![a](photo:1) end.\n\n![shared][s] and ![also][s]\n\n[s]: photo:5\n"
    )
    assert without_photos("![x][s] ![y](photo:1)\n\n[s]: photo:5\n", {5}) == "![y](photo:1)\n"
    assert without_photos("![x][s]\n\n[s]: photo:5\n", {5}) == ""


def test_recovery_relinks_every_syntax() -> None:
    relinked_text = relinked(PHOTOS, {1: 11, 2: 12, 3: 13, 5: 15, 6: 16})

    assert [shown.photo_id for shown in shown_photos(relinked_text)] == [11, 12, 13, 15, 15, 16]
    assert 'path="lost-photo:4"' in relinked_text
    assert relinked_text.replace("1", "").replace("lost-photo:4", "photo:4") == PHOTOS.replace(
        "1", ""
    )
