"""Rendering listings: JSON exactly as the standard library writes it, only faster."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from whoknows.output import dumps_indented, render

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(st.text(), min_size=1, max_size=3)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(JSON_VALUES)
def test_dumps_indented_writes_what_json_dumps_writes(value):
    assert dumps_indented(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_people_render_as_indented_json():
    people = [
        {
            "name": "Zoë Müller",
            "score": 43,
            "reasons": ['Says "hi"', "line\nbreak", "\u2028"],
            "emails": [],
            "profile_url": "",
            "merged_by": [],
            "now_at": None,
            "current": True,
        }
    ]
    text = render(people, "json", [("name", "Name")])
    assert text == json.dumps(people, indent=2, ensure_ascii=False)
    assert '\n    "name": "Zoë Müller",\n' in text
    assert json.loads(text) == people


def test_keys_and_values_json_cannot_take_fail_as_in_json():
    assert dumps_indented({1: [2.5], None: True}) == json.dumps(
        {1: [2.5], None: True}, indent=2, ensure_ascii=False
    )
    with pytest.raises(TypeError, match="set is not JSON serializable"):
        dumps_indented([{"a": {1, 2}}])


def test_many_distinct_keys_render_as_json_does():
    """Key texts are remembered for the first keys seen only; later ones are written alike."""
    rows = [{f"key {i}": i, "name": "Zoë", f"k{i}": [f"v{i}"]} for i in range(100)]
    expected = json.dumps(rows, indent=2, ensure_ascii=False)
    assert dumps_indented(rows) == expected
    assert dumps_indented(rows) == expected
