"""Zips are read in memory, never extracted, and capped: bombs, traversal names, damaged members.

`whoknows.inputs.Tree` is what every importer reads a zip (or a folder) through; these tests hold
it to its promises directly. The caps are lowered here so that a bomb stays a few kilobytes.
"""

from __future__ import annotations

import os
import stat
import struct
import zipfile
from pathlib import Path

import pytest
from whoknows import BadInput, inputs
from whoknows.inputs import Tree

CAP = 1 << 20


@pytest.fixture(autouse=True)
def small_caps(monkeypatch):
    monkeypatch.setattr(inputs, "MAX_MEMBER_BYTES", CAP)
    monkeypatch.setattr(inputs, "MAX_TOTAL_BYTES", 3 * CAP)


def make_zip(path: Path, members: dict[str, bytes], **info_attrs) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, (2026, 11, 20, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            for key, value in info_attrs.get(name, {}).items():
                setattr(info, key, value)
            archive.writestr(info, data)
    return path


def test_a_member_declared_over_the_cap_is_refused_before_decompressing(tmp_path):
    bomb = make_zip(tmp_path / "bomb.zip", {"Connections.csv": b"\0" * (64 * CAP)})
    assert bomb.stat().st_size < 100_000  # 64 MiB of zeros in a few kilobytes
    with Tree(bomb) as tree:
        with pytest.raises(BadInput, match=r"bomb\.zip:Connections\.csv: .*1 MiB.*zip bomb"):
            tree.read_bytes("Connections.csv")
        assert tree._decompressed == 0


def test_a_member_is_cut_off_at_the_cap_whatever_its_header_said(tmp_path, monkeypatch):
    archive = make_zip(tmp_path / "a.zip", {"big.csv": b"a,b\n" * (CAP // 2)})  # 2 MiB
    monkeypatch.setattr(inputs, "MAX_MEMBER_BYTES", 4 * CAP)
    with Tree(archive) as tree, tree.open("big.csv") as member:
        monkeypatch.setattr(inputs, "MAX_MEMBER_BYTES", CAP)  # as if the header had lied
        with pytest.raises(BadInput, match="zip bomb"):
            while member.read(64 * 1024):
                pass
        assert tree._decompressed <= CAP + 64 * 1024


def test_a_header_that_understates_the_size_is_a_corrupt_member(tmp_path):
    archive = make_zip(tmp_path / "a.zip", {"Connections.csv": b" " * (8 * CAP)})
    data = bytearray(archive.read_bytes())
    struct.pack_into("<I", data, data.index(b"PK\x03\x04") + 22, 100)
    struct.pack_into("<I", data, data.index(b"PK\x01\x02") + 24, 100)
    archive.write_bytes(bytes(data))
    with Tree(archive) as tree, pytest.raises(BadInput, match=r"a\.zip:Connections\.csv: corrupt"):
        tree.read_bytes("Connections.csv")


def test_all_members_together_are_capped(tmp_path):
    members = {f"part-{i}.csv": b"x" * (CAP - 1000) for i in range(5)}
    archive = make_zip(tmp_path / "many.zip", members)
    with Tree(archive) as tree:
        for name in ("part-0.csv", "part-1.csv", "part-2.csv"):
            assert len(tree.read_bytes(name)) == CAP - 1000
        with pytest.raises(BadInput, match=r"many\.zip: archive decompresses to more than 3 MiB"):
            tree.read_bytes("part-3.csv")


UNSAFE = [
    "../Connections.csv",
    "../../../../tmp/Connections.csv",
    "/etc/Connections.csv",
    "export/../../Connections.csv",
    "..\\..\\Connections.csv",
    "C:\\Users\\Connections.csv",
    "C:/Connections.csv",
]


@pytest.mark.parametrize("name", UNSAFE)
def test_unsafe_member_names_are_never_listed_nor_read(tmp_path, monkeypatch, name):
    cwd = tmp_path / "deep" / "er" / "cwd"
    cwd.mkdir(parents=True)
    monkeypatch.chdir(cwd)
    archive = make_zip(tmp_path / "evil.zip", {name: b"First Name,Last Name\nEve,Il\n"})
    with zipfile.ZipFile(archive) as raw:
        assert raw.namelist() == [name]  # the name really is in the archive
    before = sorted(tmp_path.rglob("*"))
    with Tree(archive) as tree:
        assert tree.names() == []
        assert tree.find("Connections.csv") == []
        with pytest.raises(BadInput, match="outside the folder or archive"):
            tree.read_bytes(name)
    assert sorted(tmp_path.rglob("*")) == before  # nothing was written anywhere


def test_safe_members_beside_unsafe_ones_are_read(tmp_path):
    archive = make_zip(
        tmp_path / "mixed.zip", {"../x.csv": b"evil", "export/Connections.csv": b"good"}
    )
    with Tree(archive) as tree:
        assert tree.names() == ["export/Connections.csv"]
        assert tree.read_bytes("export/Connections.csv") == b"good"


def test_a_symlink_member_is_read_as_text_never_followed(tmp_path):
    link = {"Connections.csv": {"external_attr": (stat.S_IFLNK | 0o777) << 16}}
    archive = make_zip(tmp_path / "link.zip", {"Connections.csv": b"/etc/passwd"}, **link)
    with Tree(archive) as tree:
        assert tree.read_bytes("Connections.csv") == b"/etc/passwd"


def patch(archive: Path, local: int, central: int, value: int) -> Path:
    data = bytearray(archive.read_bytes())
    struct.pack_into("<H", data, data.index(b"PK\x03\x04") + local, value)
    struct.pack_into("<H", data, data.index(b"PK\x01\x02") + central, value)
    archive.write_bytes(bytes(data))
    return archive


def test_an_encrypted_member_is_bad_input_naming_it(tmp_path):
    archive = patch(make_zip(tmp_path / "a.zip", {"Connections.csv": b"x"}), 6, 8, 0x1)
    with (
        Tree(archive) as tree,
        pytest.raises(BadInput, match=r"a\.zip:Connections\.csv: .*encrypted"),
    ):
        tree.read_bytes("Connections.csv")


def test_an_unknown_compression_method_is_bad_input_naming_it(tmp_path):
    archive = patch(make_zip(tmp_path / "a.zip", {"Connections.csv": b"x"}), 8, 10, 97)
    with Tree(archive) as tree, pytest.raises(BadInput, match=r"a\.zip:Connections\.csv: .*method"):
        tree.read_bytes("Connections.csv")


def test_a_broken_deflate_stream_is_bad_input_naming_the_member(tmp_path):
    archive = make_zip(tmp_path / "a.zip", {"Connections.csv": b"First Name\n" * 1000})
    with zipfile.ZipFile(archive) as raw:
        info = raw.getinfo("Connections.csv")
    data = bytearray(archive.read_bytes())
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_len + extra_len
    data[start : start + 4] = b"\xff\xff\xff\xff"  # a reserved deflate block type
    archive.write_bytes(bytes(data))
    with Tree(archive) as tree, pytest.raises(BadInput, match=r"a\.zip:Connections\.csv: corrupt"):
        tree.read_bytes("Connections.csv")


@pytest.mark.parametrize("keep", [0, 4, 30, 0.5, 0.99])
def test_a_truncated_zip_is_named_as_corrupt(tmp_path, keep):
    archive = make_zip(tmp_path / "cut.zip", {"Connections.csv": b"First Name\n" * 100})
    data = archive.read_bytes()
    archive.write_bytes(data[: keep if isinstance(keep, int) else int(len(data) * keep)])
    with pytest.raises(BadInput, match=r"cut\.zip: (corrupt zip archive|not a folder or a zip)"):
        Tree(archive).close()


def test_an_empty_zip_is_a_zip_with_nothing_in_it(tmp_path):
    archive = make_zip(tmp_path / "empty.zip", {})
    assert archive.read_bytes()[:4] == b"PK\x05\x06"
    with Tree(archive) as tree:
        assert tree.names() == []


def test_a_folder_lists_regular_files_only(tmp_path):
    (tmp_path / "export").mkdir()
    (tmp_path / "export" / "Connections.csv").write_text("First Name\n")
    os.mkfifo(tmp_path / "export" / "messages.csv")
    (tmp_path / "export" / "gone.csv").symlink_to(tmp_path / "nowhere.csv")
    with Tree(tmp_path / "export") as tree:
        assert tree.names() == ["Connections.csv"]


def test_a_folder_member_outside_the_folder_is_never_read(tmp_path):
    (tmp_path / "secret.csv").write_text("not yours")
    (tmp_path / "export").mkdir()
    with Tree(tmp_path / "export") as tree, pytest.raises(BadInput, match="outside the folder"):
        tree.read_bytes("../secret.csv")


def test_any_name_looks_inside_folders_and_zips_and_never_raises(tmp_path):
    import zipfile

    from whoknows.inputs import any_name

    folder = tmp_path / "export"
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "following.js").write_text("[]")
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("data/following.js", "[]")
    corrupt = tmp_path / "corrupt.zip"
    corrupt.write_bytes(archive.read_bytes()[:30])

    def wanted(name):
        return name.endswith("following.js")

    assert any_name(folder, wanted) and any_name(archive, wanted)
    assert not any_name(folder, lambda name: name.endswith(".vcf"))
    assert not any_name(corrupt, wanted)
    assert not any_name(folder / "data" / "following.js", wanted)  # a plain file
