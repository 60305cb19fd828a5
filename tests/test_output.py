"""Rendering listings: JSON exactly as the standard library writes it, only faster."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from whoknows.output import dumps_indented, echo_json, render

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


ECHO_JSON = """
import json, sys
from whoknows.output import echo_json
rows = json.loads(sys.argv[1])
if sys.argv[2] == "not plain":
    rows.append({"x": {1, 2}.__class__.__name__, 3: 1.5})
echo_json(rows)
assert "click" not in sys.modules or sys.stdout.encoding == "ascii"
"""


@pytest.mark.parametrize("encoding", ["utf-8", "ascii"])
@pytest.mark.parametrize(
    ("rows", "kind"),
    [
        ([], "plain"),
        ([{"name": "Inès Legrand 🚀", "score": 3, "reasons": ["a", 'b "c"'], "x": None}], "plain"),
        ([{"name": "Zoë", "emails": []}, {"name": "Al", "n": [1, [2]], "d": {}}], "plain"),
        ([{"name": "Zoë"}], "not plain"),
    ],
)
def test_json_written_in_pieces_is_what_echo_writes(rows, kind, encoding):
    """`echo_json` prints exactly `echo(dumps_indented(rows))` (json.dumps' text and a new
    line), on a UTF-8 stream in pieces, on an ASCII one through click as echo does."""
    import os
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", ECHO_JSON, json.dumps(rows), kind],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": encoding},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    expected = list(rows)
    if kind == "not plain":
        expected.append({"x": "set", 3: 1.5})
    text = json.dumps(expected, indent=2, ensure_ascii=False) + "\n"
    assert result.stdout == text.encode("utf-8")


def test_a_long_json_answer_is_written_in_a_few_writes_even_unbuffered(monkeypatch):
    """With PYTHONUNBUFFERED (common in containers) every `write` reaches the system: a person
    a write made the 1,000-person answer of the benchmark cost 1,016 system calls."""
    import io
    import sys

    from whoknows import output

    class Counted(io.BytesIO):
        writes = 0

        def write(self, data):
            Counted.writes += 1
            return super().write(data)

    raw = Counted()
    stream = io.TextIOWrapper(raw, encoding="utf-8", write_through=True)
    monkeypatch.setattr(sys, "stdout", stream)
    monkeypatch.setattr(output, "_writes_as_click", lambda stream: True)  # click is loaded here
    rows = [
        {"name": f"Person {i}", "reasons": ["LinkedIn connection since 2020"]} for i in range(1000)
    ]
    echo_json(rows)
    assert raw.getvalue().decode("utf-8") == json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    assert Counted.writes <= 5
