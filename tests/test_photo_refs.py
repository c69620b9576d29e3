from journal.photo_refs import markdown_image, photo_id_of, photo_url


def test_a_reference_round_trips_and_escapes_brackets() -> None:
    assert photo_url(42) == "photo:42"
    assert markdown_image(7, "Day [1] view") == r"![Day \[1\] view](photo:7)"
    assert photo_id_of(" photo:42 ") == 42
    assert photo_id_of("/assets/images/img_24.png") is None
    assert photo_id_of("photo:abc") is None
