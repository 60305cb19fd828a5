"""One import in one transaction: the indexes it leaves, and the company index it updates."""

from __future__ import annotations

import weakref
from pathlib import Path

import pytest
from conftest import REPO
from hypothesis import given, settings
from hypothesis import strategies as st
from whoknows import Contact, Position, WhoknowsError
from whoknows.importers import Registered
from whoknows.importing import BATCH, import_plan, plan
from whoknows.store import Store

VCARDS = REPO / "sample_exports" / "contacts.vcf"


def schema(store: Store) -> list[tuple[str, str, str]]:
    return store.conn.execute(
        "SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name"
    ).fetchall()


class Failing:
    """An importer that yields more than a batch of contacts, then fails."""

    name = "failing"
    description = "fails halfway"

    def detect(self, path: Path) -> bool:
        return True

    def read(self, path: Path):
        for n in range(BATCH + 5):
            yield Contact(str(n), full_name=f"Person Number{n}", emails=[f"p{n}@stripe.com"])
        raise ValueError("line 1006 is corrupt")


def test_an_import_into_an_empty_store_indexes_it_as_a_new_store_is(tmp_path):
    fresh = Store.open(tmp_path / "fresh.db")
    store = Store.open(tmp_path / "s.db")
    import_plan(store, plan([VCARDS]))
    assert store.contact_count() > 0
    assert schema(store) == schema(fresh)
    plan_used = store.conn.execute(
        "EXPLAIN QUERY PLAN SELECT contact_id FROM contact_keys WHERE kind = 'email' AND value = ?",
        ("ann@stripe.com",),
    ).fetchall()
    assert "contact_keys_value" in str(plan_used)
    store.close()
    fresh.close()


def test_an_import_that_fails_into_an_empty_store_leaves_it_as_it_was(tmp_path):
    store = Store.open(tmp_path / "s.db")
    before = schema(store)
    failing = Registered(Failing(), "failing-plugin", builtin=False)
    with pytest.raises(WhoknowsError, match="line 1006 is corrupt; nothing was imported"):
        import_plan(store, [(failing, [VCARDS])])
    assert schema(store) == before
    assert store.contact_count() == 0
    store.close()


class Cyclic:
    """An importer that leaves a reference cycle behind for every contact it yields."""

    name = "cyclic"
    description = "leaves cyclic garbage"

    def __init__(self) -> None:
        self.alive = weakref.WeakSet()
        self.most_alive = 0

    def detect(self, path: Path) -> bool:
        return True

    def read(self, path: Path):
        for n in range(3 * BATCH):
            junk = Junk()
            junk.me = junk
            self.alive.add(junk)
            self.most_alive = max(self.most_alive, len(self.alive))
            yield Contact(str(n), full_name=f"Person Number{n}")


class Junk:
    me: Junk


def test_cycles_a_plugin_leaves_are_freed_during_a_long_import(tmp_path):
    """The collector is paused for an import; its young generation is still collected after
    every batch, so a plugin's cyclic garbage does not pile up for the whole import."""
    store = Store.open(tmp_path / "s.db")
    cyclic = Cyclic()
    import_plan(store, [(Registered(cyclic, "cyclic-plugin", builtin=False), [VCARDS])])
    assert store.contact_count() == 3 * BATCH
    assert cyclic.most_alive < 2 * BATCH  # not all 3 * BATCH of them
    store.close()


class Given:
    """An importer that yields the records it was made with."""

    name = "given"
    description = "yields the records it was given"

    def __init__(self, records: list) -> None:
        self.records = records

    def detect(self, path: Path) -> bool:
        return True

    def read(self, path: Path):
        yield from self.records


COMPANY_NAMES = ["", "Ernst & Young", "EY", "Ernst and Young Global", "International Business "
                 "Machines Corp.", "IBM", "Vodafone Group Plc", "Meta Platforms, Inc.", "Facebook",
                 "Big Blue Widgets", "The Boston Consulting Group", "Widgetry"]  # fmt: skip
EMAILS = ["ann@ey.com", "bo@widgetry.io", "cy@gmail.com", "di@bcg.com", ""]
PEOPLE = ["Ann Lee", "Bo Ray", "Cy Ito", "Di Fox", "Lee, Ann"]


@st.composite
def records(draw) -> list:
    person = st.tuples(*(st.sampled_from(x) for x in (PEOPLE, COMPANY_NAMES, EMAILS)))
    people = draw(st.lists(person, min_size=1, max_size=6))
    found: list = [
        Contact(str(n), full_name=name, company=company, emails=[email] if email else [])
        for n, (name, company, email) in enumerate(people)
    ]
    jobs = draw(st.lists(st.sampled_from(COMPANY_NAMES[1:]), max_size=2))
    return found + [Position(company) for company in jobs]


def index_tables(store: Store) -> list[list[tuple]]:
    return [
        store.conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
        for table in ("companies", "company_initials", "company_words", "domain_labels")
    ] + [store.conn.execute("SELECT * FROM alias_domains WHERE origin = 'learned'").fetchall()]


def rebuilt_index_tables(store: Store) -> list[list[tuple]]:
    """`index_tables` as a full rebuild of the company index would make them (rolled back)."""
    from whoknows import aliases

    store.conn.execute("BEGIN")
    aliases.refresh_index(store.conn)
    rebuilt = index_tables(store)
    store.conn.execute("ROLLBACK")
    return rebuilt


@settings(max_examples=40, deadline=None)
@given(steps=st.lists(st.tuples(st.sampled_from("abc"), records()), min_size=1, max_size=4))
def test_an_import_updates_the_company_index_as_rebuilding_it_would(tmp_path_factory, steps):
    store = Store.open(tmp_path_factory.mktemp("index") / "s.db")
    for source, found in steps:
        import_plan(store, [(Registered(Given(found), "given", False), [VCARDS])], source)
        assert index_tables(store) == rebuilt_index_tables(store)
    store.close()


@settings(max_examples=30, deadline=None)
@given(
    steps=st.lists(st.tuples(st.sampled_from("abc"), records()), min_size=2, max_size=4),
    gone=st.sampled_from("abc"),
)
def test_forget_updates_the_company_index_as_rebuilding_it_would(tmp_path_factory, steps, gone):
    from whoknows.importing import forget

    store = Store.open(tmp_path_factory.mktemp("forget") / "s.db")
    for source, found in steps:
        import_plan(store, [(Registered(Given(found), "given", False), [VCARDS])], source)
    if gone not in {source for source, _ in steps}:
        gone = steps[0][0]
    forget(store, gone)
    assert index_tables(store) == rebuilt_index_tables(store)
    store.close()


def test_a_transaction_commits_what_its_block_wrote_and_rolls_back_a_failed_block(tmp_path):
    """`Store.transaction`: COMMIT when the block ends, ROLLBACK when it raises anything
    (KeyboardInterrupt too), the exception going on; `gc_paused` gives the collector back."""
    import gc

    from whoknows.store import gc_paused

    store = Store.open(tmp_path / "t.db")
    write = "INSERT INTO meta (name, value) VALUES (?, 'x')"
    with store.transaction() as conn:
        conn.execute(write, ("kept",))
    for error in (ValueError, KeyboardInterrupt):
        with pytest.raises(error), store.transaction() as conn:
            conn.execute(write, (error.__name__,))
            raise error
    names = [name for (name,) in store.conn.execute("SELECT name FROM meta")]
    assert "kept" in names
    assert not {"ValueError", "KeyboardInterrupt"} & set(names)
    assert not store.conn.in_transaction
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
    store.close()
