"""Finding image references the way a Markdown renderer does, and rewriting only those."""

from journal.markdown.images import find_images, image_markdown, rewrite_images

TEXT = """\
Intro ![a](photo:1) and `![code](photo:2)` and <br>

```
![fenced](photo:3)
```

    ![indented code](photo:4)

| col | pic |
|-----|-----|
| `![x](photo:5)` | ![x](photo:5) |

> quoted ![two
> lines](photo:6 "t")

[![inside a link](photo:7)](https://example.com) ![ref][r]

<p><img src="raw.png"></p>

[r]: photo:8
"""


def test_only_real_images_are_found_with_their_exact_spans() -> None:
    images = find_images(TEXT)

    assert [image.url for image in images] == [
        "photo:1",
        "photo:5",
        "photo:6",
        "photo:7",
        "photo:8",
        "raw.png",
    ]
    assert [TEXT[image.start : image.end] for image in images] == [
        "![a](photo:1)",
        "![x](photo:5)",
        '![two\n> lines](photo:6 "t")',
        "![inside a link](photo:7)",
        "![ref][r]",
        '<img src="raw.png">',
    ]
    assert images[2].title == "t"
    assert images[2].alt == "two\nlines"


def test_rewriting_changes_the_images_and_nothing_else() -> None:
    rewritten = rewrite_images(
        TEXT,
        lambda image: (
            image_markdown(image.alt, f"/img/{image.url[6:]}.jpg", image.title)
            if image.url.startswith("photo:")
            else None
        ),
    )

    expected = (
        TEXT.replace("![a](photo:1)", "![a](/img/1.jpg)")
        .replace("| ![x](photo:5) |", "| ![x](/img/5.jpg) |")
        .replace('![two\n> lines](photo:6 "t")', '![two lines](/img/6.jpg "t")')
        .replace("![inside a link](photo:7)", "![inside a link](/img/7.jpg)")
        .replace("![ref][r]", "![ref](/img/8.jpg)")
    )
    assert rewritten == expected


def test_alt_text_is_escaped_and_odd_urls_are_bracketed() -> None:
    assert image_markdown("a [b]\nc", "x y.jpg") == "![a \\[b\\] c](<x y.jpg>)"
    assert image_markdown("", "a.jpg", 'say "hi"') == '![](a.jpg "say \\"hi\\"")'


def test_image_sources_include_raw_html_images() -> None:
    text = 'x <img src="inline.png" alt=""> y\n\n<div><img src="block.png"></div>\n\n![m](md.png)\n'
    assert sorted(image.url for image in find_images(text)) == ["block.png", "inline.png", "md.png"]


def test_destinations_are_as_written_and_spans_fit_any_line_endings() -> None:
    text = "One\r\n![a](<사진 1.png> 'x')\r![b][r]\n\n[r]: /assets/b%20c.png\n"

    images = find_images(text)

    assert [(image.destination, image.url, image.line) for image in images] == [
        ("사진 1.png", "%EC%82%AC%EC%A7%84%201.png", 2),
        ("/assets/b%20c.png", "/assets/b%20c.png", 3),
    ]
    assert [text[image.start : image.end] for image in images] == [
        "![a](<사진 1.png> 'x')",
        "![b][r]",
    ]


def test_relinking_keeps_the_alt_text_as_written() -> None:
    [image] = find_images(r"> ![Sunset \[1\] *at*" + "\n" + r'> C:\\sea](photo:3 "t")')

    assert image.pointing_to("day-0-01.jpg") == r'![Sunset \[1\] *at* C:\\sea](day-0-01.jpg "t")'
