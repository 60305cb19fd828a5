"""`inputs.decode`, `inputs.text_stream` and `Tree.open_text` read an export's bytes the same
way: the streams are what big files (LinkedIn's messages.csv) are read through, a piece at a
time."""

from __future__ import annotations

import codecs
import io
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st
from whoknows import BadInput, inputs
from whoknows.inputs import Tree, decode, text_stream

ENCODINGS = [
    lambda t: t.encode("utf-8"),
    lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    lambda t: t.encode("cp1252", errors="replace"),
    lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    lambda t: t.encode("utf-16-be"),
]

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=300
)


@given(text=TEXT, encode=st.sampled_from(ENCODINGS))
def test_the_stream_reads_what_decode_reads_line_for_line(text, encode):
    data = encode(text)
    try:
        whole = decode(data, "f.csv")
    except BadInput:
        return  # e.g. cp1252 text that looks like UTF-16; text_stream raises too (below)
    stream = text_stream(data, "f.csv")
    assert list(stream) == list(io.StringIO(whole))
    stream.seek(0)  # open_table reads the header again for each delimiter it tries
    assert stream.read() == whole


def test_a_big_utf8_file_with_an_emoji_is_streamed_not_decoded_whole():
    data = ("Ada,Lovelace,Stripe 🚀\r\n" * 50_000).encode("utf-8")
    stream = text_stream(data, "Connections.csv")
    assert not isinstance(stream, io.StringIO)
    assert next(stream) == "Ada,Lovelace,Stripe 🚀\r\n"
    assert sum(1 for _ in stream) == 49_999


def test_windows_1252_is_read_as_decode_reads_it():
    data = "Zoé,Roux,Société Générale\n".encode("cp1252") * 3
    assert text_stream(data, "f.csv").read() == decode(data, "f.csv")
    assert "Société" in decode(data, "f.csv")


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (codecs.BOM_UTF8 + b"Ada,\xff\xfe Lovelace\n", "cannot decode as utf-8"),
        (b"PK\x03\x04\x00\x00\x00\x00\x01\x02\x03", "binary data"),
    ],
)
def test_bad_bytes_are_the_same_one_line_error(data, problem):
    with pytest.raises(BadInput, match=problem):
        decode(data, "messages.csv")
    with pytest.raises(BadInput, match=rf"messages\.csv: {problem}"):
        text_stream(data, "messages.csv")


@given(text=TEXT, encode=st.sampled_from(ENCODINGS), in_zip=st.booleans())
def test_a_member_opened_as_text_reads_what_decode_reads(tmp_path_factory, text, encode, in_zip):
    data = encode(text)
    root = tmp_path_factory.mktemp("tree")
    if in_zip:
        path = root / "export.zip"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("messages.csv", data)
    else:
        path = root / "export"
        path.mkdir()
        (path / "messages.csv").write_bytes(data)
    with Tree(path) as tree:
        try:
            whole = decode(data, "messages.csv")
        except BadInput:
            with pytest.raises(BadInput):
                tree.open_text("messages.csv")
            return
        assert list(tree.open_text("messages.csv")) == list(io.StringIO(whole))


def test_a_utf8_member_is_streamed_and_checked_once_against_the_zip_total(tmp_path, monkeypatch):
    data = ("Ada,Lovelace,Stripe 🚀\n" * 30_000).encode("utf-8")  # 750 KB
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("messages.csv", data)
    monkeypatch.setattr(inputs, "MAX_TOTAL_BYTES", len(data) + len(data) // 2)
    with Tree(path) as tree:
        stream = tree.open_text("messages.csv")
        assert not isinstance(stream, io.StringIO)
        assert sum(1 for _ in stream) == 30_000  # read twice, counted once: under the total
