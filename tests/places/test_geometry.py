from journal.places.geometry import boxes_around, reach_km


def test_a_box_across_the_date_line_is_split_in_two() -> None:
    boxes = list(boxes_around(0.0, 179.9, 111.195))  # one degree
    assert [(round(w, 2), round(e, 2)) for _, _, w, e in boxes] == [
        (-180.0, -179.1),
        (178.9, 180.0),
    ]


def test_near_a_pole_a_box_spans_every_longitude() -> None:
    [(south, north, west, east)] = boxes_around(89.9, 10.0, 50.0)
    assert (round(south, 2), north, west, east) == (89.45, 90.0, -180.0, 180.0)


def test_a_larger_place_reaches_farther() -> None:
    assert reach_km(1_000) < reach_km(100_000) < reach_km(10_000_000)
    assert round(reach_km(9_733_276), 1) == 26.5  # Tokyo
