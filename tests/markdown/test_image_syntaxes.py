"""The one image finder knows every syntax real posts show images in, and rewrites only URLs.

Real Jekyll and Hugo posts write images as HTML (in figures, galleries and links), as Hugo
shortcodes, as Jekyll includes, as reference-style Markdown with titles, and with Liquid in the
destination; issue 13 found that none of those were imported. Everything that is not an image
(``{{< youtube >}}``, ``{% post_url %}``, ``{% raw %}``, kramdown attributes) is left alone.
"""

import pytest

from journal.markdown.images import ImageKind, find_images, rewrite_urls
from journal.markdown.liquid import site_path
from journal.markdown.photo_refs import shown_photos, without_photos
from journal.markdown.reference_definitions import localized_definitions
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
{% comment %}<img src="c.jpg"> ![c](c.jpg){% endcomment %} is dropped by Jekyll.
{% highlight markdown %}
![code](d.jpg) is highlighted code
{% endhighlight %}
{{< highlight html >}}<img src="e.jpg">{{< /highlight >}}
A paragraph with a kramdown attribute.
{: .lead #intro}

    <img src="indented-code.jpg">

`{{ page.title }}` and <!-- <img src="commented.jpg"> -->
"""


def test_liquid_and_shortcodes_that_are_not_images_are_left_alone() -> None:
    assert find_images(NOT_IMAGES) == []
    assert rewrite_urls(NOT_IMAGES, lambda image: None) == NOT_IMAGES


def test_image_sources_name_every_syntax() -> None:
    assert [image.url for image in find_images(POST)] == [
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


def test_a_link_to_the_image_itself_and_a_local_srcset_follow_the_image() -> None:
    text = (
        "[![a](x.jpg)](x.jpg) [![b](y.jpg)](z.jpg)\n\n"
        '<a href="p.jpg"><img src="p.jpg"></a> <a href="q.jpg"><img src="r.jpg"></a>\n\n'
        '{{< figure src="s.jpg" link="s.jpg" >}} {{< figure src="t.jpg" link="u.jpg" >}}\n\n'
        '<img src="v.jpg" srcset="v-800.jpg 800w, /img/v-1600.jpg 1600w" sizes="50vw">\n'
        '<img src="w.jpg" srcset="https://cdn.example.org/w@2x.jpg 2x">\n'
    )

    relinked = rewrite_urls(text, lambda image: "photo:1")

    assert relinked == (
        "[![a](photo:1)](photo:1) [![b](photo:1)](z.jpg)\n\n"
        '<a href="photo:1"><img src="photo:1"></a> <a href="q.jpg"><img src="photo:1"></a>\n\n'
        '{{< figure src="photo:1" link="photo:1" >}} {{< figure src="photo:1" link="u.jpg" >}}\n\n'
        '<img src="photo:1" srcset="photo:1" sizes="50vw">\n'
        '<img src="photo:1" srcset="https://cdn.example.org/w@2x.jpg 2x">\n'
    )
    # Exported again, the srcset follows the photo to its exported file.
    assert 'srcset="/img/day-0-01.jpg"' in rewrite_urls(relinked, lambda _: "/img/day-0-01.jpg")


@pytest.mark.parametrize(
    ("destination", "path"),
    [
        ("/assets/a.jpg", "/assets/a.jpg"),
        ("{{ site.baseurl }}/assets/a.jpg", "/assets/a.jpg"),
        ("{{site.url}}{{site.baseurl}}/assets/a.jpg", "/assets/a.jpg"),
        ("{{ site.baseurl }}assets/a.jpg", "/assets/a.jpg"),
        ('{{ "/assets/a.jpg" | relative_url }}', "/assets/a.jpg"),
        ("{{ 'assets/a.jpg' | absolute_url }}", "/assets/a.jpg"),
        ("{% link assets/a.jpg %}", "/assets/a.jpg"),
        ("{{ page.image }}", None),
        ("{{ site.baseurl }}/{{ page.slug }}.jpg", None),
    ],
)
def test_liquid_that_names_the_site_root_is_worked_out(destination: str, path: str | None) -> None:
    assert site_path(destination) == path


def test_reference_definitions_go_to_the_part_whose_images_use_them() -> None:
    parts = [
        "Intro ![a][one].\n",
        "Day text ![b][two] and ![c][shared].\n\n[shared]: /c.jpg\n",
        "\nClosing ![d][shared].\n\n[one]: /a.jpg\n[two]: </b b.jpg> 'Bee'\n[link]: /page/\n",
    ]

    moved = localized_definitions(parts)

    assert moved == [
        "Intro ![a][one].\n\n[one]: /a.jpg\n",
        "Day text ![b][two] and ![c][shared].\n\n[shared]: /c.jpg\n\n[two]: </b b.jpg> 'Bee'\n",
        # Lines stay where they were (empty), so line numbers still match the post.
        "\nClosing ![d][shared].\n\n\n\n[link]: /page/\n\n[shared]: /c.jpg\n",
    ]
    assert [[image.destination for image in find_images(part)] for part in moved] == [
        ["/a.jpg"],
        ["/b b.jpg", "/c.jpg"],
        ["/c.jpg"],
    ]


def test_liquid_in_attributes_alt_text_titles_and_tables_is_read_as_jekyll_reads_it() -> None:
    # Jekyll expands Liquid before the Markdown is read: quotes and pipes inside it are not
    # HTML's or a table's.
    text = (
        '<img src="{{ "/assets/a.jpg" | relative_url }}" alt="A {{ page.title }}">\n\n'
        '![{{ page.title }} at *night*]({{ site.baseurl }}/b.jpg "{{ site.title }}")\n\n'
        "| a | {{ x | upcase }} |\n|---|---|\n| ![c](c.jpg) | d |\n"
    )

    images = find_images(text)

    assert [(image.kind, image.destination, image.caption, image.title) for image in images] == [
        (ImageKind.HTML, '{{ "/assets/a.jpg" | relative_url }}', "A {{ page.title }}", None),
        (
            ImageKind.MARKDOWN,
            "{{ site.baseurl }}/b.jpg",
            "{{ page.title }} at night",
            "{{ site.title }}",
        ),
        (ImageKind.MARKDOWN, "c.jpg", "c", None),
    ]
    assert rewrite_urls(text, lambda image: "photo:1") == (
        '<img src="photo:1" alt="A {{ page.title }}">\n\n'
        '![{{ page.title }} at *night*](photo:1 "{{ site.title }}")\n\n'
        "| a | {{ x | upcase }} |\n|---|---|\n| ![c](photo:1) | d |\n"
    )
