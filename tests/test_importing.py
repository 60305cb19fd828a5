"""One import in one transaction: what an import into an empty store leaves behind."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO
from whoknows import Contact, WhoknowsError
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
