"""Run every whoknows benchmark and print each figure beside its floor, measured in the same run.

    python benchmarks/run.py                 # everything (about 5-10 minutes on 2 cores)
    python benchmarks/run.py --only query,linkedin --repeat 5
    python benchmarks/run.py --markdown      # also print the table as Markdown (for README)

What a user waits for is a whole process, so every figure is a subprocess: wall time (median
of repeated runs) and peak RSS (from ``os.wait4`` on that one child). Each benchmark imports
into its own temporary store through ``WHOKNOWS_DB``. Data comes from ``generate.py`` (seed 1)
and is kept in ``benchmarks/out/`` between runs. Timings never decide a unit test: this is a
report, and on a shared machine its figures move with the load (printed with the table).

Targets (issue 8):

- ``whoknows COMPANY --format json`` on the full store <= 4x ``python -c "import sqlite3"``;
- LinkedIn import of 30,000 connections <= 1 s;
- vCard import of 10,000 cards >= 0.8x the speed of vobject's ``readComponents`` on that file;
- ``whoknows crossref`` with 5,000 targets <= 2 s;
- peak memory importing 100,000 contacts <= 300 MB, and flat as inputs grow (25k/50k/100k).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import FULL, SMALL, generate  # noqa: E402

OUT = HERE / "out"
PY = sys.executable
BENCHMARKS = ("query", "linkedin", "vcard", "crossref", "memory")
MEMORY_SIZES = (25_000, 50_000, 100_000)
NOBODY = "Quillfeather Orbital Dynamics GmbH"
"""A company nobody in the generated data works at: the 'nobody matched' path."""


@dataclass
class Run:
    seconds: float
    peak_mb: float
    returncode: int
    stdout: str = ""
    stderr: str = ""


@dataclass
class Row:
    benchmark: str
    figure: str
    floor: str
    ratio: str
    target: str
    met: bool | None
    """None: not measured (not available yet, or the run failed)."""
    note: str = ""
    data: dict = field(default_factory=dict)


def whoknows_cmd() -> list[str]:
    """The installed CLI (as a user runs it), or `python -m whoknows`."""
    exe = shutil.which("whoknows", path=str(Path(PY).parent)) or shutil.which("whoknows")
    return [exe] if exe else [PY, "-m", "whoknows"]


TIMER = """
import json, os, sys, time
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - started
with open(sys.argv[1], "w") as f:
    json.dump([seconds, usage.ru_maxrss, os.waitstatus_to_exitcode(status)], f)
"""
"""Times one child and reads its own peak RSS. A small interpreter forks and execs the command,
because a child spawned straight from this (larger) process would inherit this process's
high-water mark: Linux carries the pre-exec RSS into ru_maxrss."""


def run_once(cmd: list[str], env: dict | None = None, capture: bool = False) -> Run:
    """Run one process: its wall time and its own peak RSS."""
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.NamedTemporaryFile(suffix=".json") as report,
    ):
        timer = [PY, "-I", "-S", "-c", TIMER, report.name, *cmd]
        subprocess.run(timer, stdout=out, stderr=err, env=env, check=True)
        seconds, maxrss, code = json.loads(Path(report.name).read_text())
        text = errors = ""
        if capture or code not in (0, 1):
            out.seek(0)
            err.seek(0)
            text = out.read().decode("utf-8", "replace")
            errors = err.read().decode("utf-8", "replace")
    # ru_maxrss is in KiB on Linux, bytes on macOS.
    peak = maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return Run(seconds, peak, code, text, errors)


def medians(runs: list[Run]) -> tuple[float, float]:
    return statistics.median(r.seconds for r in runs), max(r.peak_mb for r in runs)


def store_env(db: Path) -> dict:
    env = dict(os.environ)
    env["WHOKNOWS_DB"] = str(db)
    env.pop("WHOKNOWS_LOAD_PLUGINS", None)
    # A user's install has compiled bytecode (pip writes it); a development shell that sets
    # PYTHONDONTWRITEBYTECODE would make every run compile whoknows from source instead.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def k(n: int) -> str:
    return f"{n // 1000}k" if n >= 1000 and n % 1000 == 0 else f"{n:,}"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def secs(seconds: float) -> str:
    return f"{seconds:.2f} s"


# ---- data -------------------------------------------------------------------------------------


def ensure_data(folder: Path, counts: dict, only: tuple[str, ...], truth: bool) -> dict:
    """Generate into `folder` unless it already holds data made with these counts."""
    stamp = folder / "counts.json"
    code = [*sorted(HERE.glob("datagen/*.py")), HERE / "generate.py"]
    version = hashlib.sha256(b"".join(p.read_bytes() for p in code)).hexdigest()[:16]
    wanted = {"counts": counts, "only": list(only), "truth": truth, "generator": version}
    if stamp.exists() and json.loads(stamp.read_text()) == wanted:
        return json.loads((folder / "files.json").read_text())
    shutil.rmtree(folder, ignore_errors=True)
    print(f"  generating {folder.name} ({counts}) ...", flush=True)
    files = generate(folder, seed=1, counts=counts, only=only, with_truth=truth)
    (folder / "files.json").write_text(json.dumps(files))
    stamp.write_text(json.dumps(wanted))
    return files


def query_names(truth_path: Path) -> list[tuple[str, str]]:
    """(label, query) pairs: the largest employer, a mid-size one, a legal-form spelling, and
    a company nobody works at."""
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    companies = truth["companies"]
    by_size = sorted(companies.values(), key=lambda c: len(c["current"]), reverse=True)
    biggest = by_size[0]
    synthetic = [c for c in by_size if not c["real"]]
    mid = synthetic[len(synthetic) // 20] if synthetic else by_size[len(by_size) // 2]
    return [
        ("largest employer", biggest["name"]),
        ("mid-size, legal name", mid["legal"]),
        ("long tail", synthetic[len(synthetic) // 3]["name"] if synthetic else biggest["name"]),
        ("nobody there", NOBODY),
    ]


# ---- benchmarks -------------------------------------------------------------------------------


def import_all(data: Path, files: dict, db: Path) -> None:
    paths = [str(data / files[k]) for k in ("linkedin", "vcard", "facebook") if k in files]
    r = run_once([*whoknows_cmd(), "import", *paths], store_env(db), capture=True)
    if r.returncode != 0:
        raise RuntimeError(f"import failed ({r.returncode}): {r.stderr.strip()[-500:]}")


def bench_query(data: Path, files: dict, repeat: int, tmp: Path) -> list[Row]:
    db = tmp / "query.db"
    import_all(data, files, db)
    env = store_env(db)
    floor_runs, by_query = [], {}
    queries = query_names(data / files["truth"])
    for _, name in queries:  # warm up: bytecode written, store pages in the OS cache
        run_once([*whoknows_cmd(), name, "--format", "json"], env)
    for _ in range(repeat):  # interleaved, so load swings hit floor and figure alike
        floor_runs.append(run_once([PY, "-c", "import sqlite3"]))
        for label, name in queries:
            cmd = [*whoknows_cmd(), name, "--format", "json"]
            by_query.setdefault((label, name), []).append(run_once(cmd, env))
    floor, _ = medians(floor_runs)
    rows = []
    for (label, name), runs in by_query.items():
        seconds, peak = medians(runs)
        ratio = seconds / floor
        codes = sorted({r.returncode for r in runs})
        rows.append(
            Row(
                f"whoknows '{name}' --format json ({label})",
                ms(seconds),
                f"python -c 'import sqlite3' {ms(floor)}",
                f"{ratio:.1f}x",
                "<= 4x",
                ratio <= 4 and codes[-1] <= 1,
                f"exit {','.join(map(str, codes))}; peak {peak:.0f} MB",
                {"seconds": seconds, "floor": floor, "ratio": ratio, "peak_mb": peak},
            )
        )
    return rows


def import_beside_floor(
    path: Path, floor_code: str, repeat: int, tmp: Path
) -> tuple[float, float, float, float, str]:
    """`whoknows import PATH` into a new store and the floor (`python -c floor_code PATH`),
    alternately: (seconds, peak MB, floor seconds, floor peak MB, the first failed import's
    stderr or "")."""
    runs, floors = [], []
    for i in range(repeat):
        db = tmp / f"{path.stem}{i}.db"
        runs.append(run_once([*whoknows_cmd(), "import", str(path)], store_env(db)))
        floors.append(run_once([PY, "-c", floor_code, str(path)]))
    seconds, peak = medians(runs)
    floor, floor_peak = medians(floors)
    failed = [r.stderr.strip()[-200:] or "no message" for r in runs if r.returncode != 0]
    return seconds, peak, floor, floor_peak, failed[0] if failed else ""


WRITE_FLOOR_CODE = """
import csv, io, sqlite3, sys, zipfile
from whoknows.store import SCHEMA  # the store's tables and indexes, as SQL text
conn = sqlite3.connect(sys.argv[2], isolation_level=None)
conn.execute("PRAGMA journal_mode = WAL")
conn.executescript(SCHEMA)
text = zipfile.ZipFile(sys.argv[1]).read("Connections.csv").decode("utf-8")
reader = csv.reader(io.StringIO(text.split("\\n", 3)[3]))  # after LinkedIn's notes
next(reader)
conn.execute("BEGIN")
conn.execute("INSERT INTO sources VALUES (1, 'linkedin', 'linkedin', '[]', '', 0, 0)")
rows = [
    (i, 1, f"{i}:{r[2]}", f"{r[0]} {r[1]}", r[0], r[1], r[4], r[4].lower(), "", r[5], r[6], 0,
     "[]", "[]", f'["{r[2]}"]', 0, 0, "", "[]", "", "", "", 0, "[]", "", "{}", i)
    for i, r in enumerate(reader, 1) if len(r) >= 7
]
conn.executemany(
    "INSERT INTO contacts (id, source_id, source_key, full_name, given_name, family_name, "
    "company, company_key, department, title, since, former, emails, phones, profile_urls, "
    "messages_sent, messages_received, last_message, endorsed_skills, endorsed_on, "
    "recommended_on, invitation, birthday, categories, note, extra, person_id) VALUES "
    "(?,?,?,?,?,?,?,?,?,?,nullif(?,''),?,?,?,?,?,?,nullif(?,''),?,nullif(?,''),nullif(?,''),"
    "?,?,?,?,?,?)",
    rows,
)
conn.execute("COMMIT")
"""
"""A second floor for the LinkedIn import: Connections.csv read as the first floor reads it,
and its rows written into a new store's contacts table (the store's own schema and indexes,
one transaction): no identity keys, no messages or endorsements, no linking, no company
index. What any import of these rows into this store costs before doing anything of its own."""


def bench_linkedin(data: Path, files: dict, counts: dict, repeat: int, tmp: Path) -> list[Row]:
    zip_path = data / files["linkedin"]
    floor_code = (
        "import csv, io, zipfile, sys\n"
        "z = zipfile.ZipFile(sys.argv[1])\n"
        "text = z.read('Connections.csv').decode('utf-8')\n"
        "rows = list(csv.reader(io.StringIO(text)))\n"
    )
    seconds, peak, floor, _, failure = import_beside_floor(zip_path, floor_code, repeat, tmp)
    writes = []
    for i in range(repeat):
        db = tmp / f"write-floor{i}.db"
        writes.append(run_once([PY, "-c", WRITE_FLOOR_CODE, str(zip_path), str(db)]))
    write_floor, _ = medians(writes)
    ok = not failure and all(w.returncode == 0 for w in writes)
    return [
        Row(
            f"whoknows import LinkedIn zip ({counts['linkedin']:,} connections)",
            secs(seconds),
            f"stdlib csv read of Connections.csv {ms(floor)}",
            f"{seconds / floor:.1f}x floor",
            "<= 1 s",
            ok and seconds <= 1.0,
            f"peak {peak:.0f} MB; the same rows only written into the store's schema "
            f"(no keys, messages or linking): {secs(write_floor)}"
            + ("" if ok else f"; FAILED: {failure or 'the write floor failed'}"),
            {"seconds": seconds, "floor": floor, "write_floor": write_floor, "peak_mb": peak},
        )
    ]


VOBJECT_CODE = (
    "import sys, vobject\n"
    "text = open(sys.argv[1], 'rb').read().decode('utf-8')\n"
    "n = sum(1 for _ in vobject.readComponents(text, allowQP=True))\n"
    "print(n)\n"
)
PARSE_CODE = """
import json, sys, time
sys.path.insert(0, {here!r})
import bench_vcard
from pathlib import Path
path = Path(sys.argv[1])
bench_vcard.time_importer(path)  # warm up, as bench_vcard.run() does
out = []
for _ in range({repeat}):
    v, vn = bench_vcard.time_vobject(path)
    i, inn = bench_vcard.time_importer(path)
    out.append({{"vobject": v, "importer": i, "vobject_cards": vn, "importer_records": inn}})
print(json.dumps(out))
"""


def bench_vcard(data: Path, files: dict, counts: dict, repeat: int, tmp: Path) -> list[Row]:
    vcf = data / files["vcard"]
    seconds, peak, floor, floor_peak, failure = import_beside_floor(vcf, VOBJECT_CODE, repeat, tmp)
    ok = not failure
    ratio = floor / seconds
    rows = [
        Row(
            f"whoknows import contacts.vcf ({counts['vcards']:,} cards), whole process",
            secs(seconds),
            f"python + vobject.readComponents(allowQP) {secs(floor)}",
            f"{ratio:.2f}x vobject's speed",
            ">= 0.8x",
            ok and ratio >= 0.8,
            f"peak {peak:.0f} MB (vobject {floor_peak:.0f} MB)"
            + ("" if ok else f"; FAILED: {failure}"),
            {"seconds": seconds, "floor": floor, "ratio": ratio, "peak_mb": peak},
        )
    ]
    if (HERE / "bench_vcard.py").exists():
        code = PARSE_CODE.format(here=str(HERE), repeat=repeat)
        r = run_once([PY, "-c", code, str(vcf)], capture=True)
        if r.returncode == 0:
            parsed = json.loads(r.stdout)
            v = statistics.median(p["vobject"] for p in parsed)
            i = statistics.median(p["importer"] for p in parsed)
            rows.append(
                Row(
                    "vCard importer parse only (bench_vcard.py, in process)",
                    secs(i),
                    f"vobject.readComponents(allowQP) {secs(v)}",
                    f"{v / i:.2f}x vobject's speed",
                    ">= 0.8x",
                    v / i >= 0.8,
                    f"{parsed[0]['importer_records']} records, {parsed[0]['vobject_cards']} cards",
                    {"seconds": i, "floor": v, "ratio": v / i},
                )
            )
        else:
            rows.append(Row("vCard parse only (bench_vcard.py)", "-", "-", "-", ">= 0.8x", None,
                            f"failed: {r.stderr.strip()[-200:]}"))  # fmt: skip
    return rows


def crossref_available() -> bool:
    """`whoknows crossref --help` would fall through to the default command: read the list."""
    r = run_once([*whoknows_cmd(), "--help"], capture=True)
    return any(line.split()[:1] == ["crossref"] for line in r.stdout.splitlines())


def bench_crossref(data: Path, files: dict, counts: dict, repeat: int, tmp: Path) -> list[Row]:
    label = f"whoknows crossref targets.csv ({counts['targets']:,} targets)"
    if not crossref_available():
        return [
            Row(label, "-", "-", "-", "<= 2 s", None, "not available yet (no crossref command)")
        ]
    db = tmp / "crossref.db"
    import_all(data, files, db)
    env = store_env(db)
    targets = str(data / files["targets"])
    floor_code = (
        "import csv, sqlite3, sys\n"
        "rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8')))\n"
        "sqlite3.connect(sys.argv[2]).execute('select 1').fetchall()\n"
    )
    runs, floors = [], []
    for _ in range(repeat):
        runs.append(run_once([*whoknows_cmd(), "crossref", targets, "--format", "json"], env))
        floors.append(run_once([PY, "-c", floor_code, targets, str(db)]))
    seconds, peak = medians(runs)
    floor, _ = medians(floors)
    codes = sorted({r.returncode for r in runs})
    ok = codes[-1] <= 1
    return [
        Row(
            label,
            secs(seconds),
            f"stdlib csv + sqlite3 open {ms(floor)}",
            f"{seconds / floor:.1f}x floor",
            "<= 2 s",
            ok and seconds <= 2.0,
            f"exit {','.join(map(str, codes))}; peak {peak:.0f} MB",
            {"seconds": seconds, "floor": floor, "peak_mb": peak},
        )
    ]


def bench_memory(tmp: Path, sizes: tuple[int, ...]) -> list[Row]:
    """Peak RSS importing n LinkedIn connections, and n address-book cards, at each size."""
    floor = run_once([PY, "-c", "import sqlite3"]).peak_mb
    peaks: dict[str, dict[int, float]] = {"linkedin": {}, "vcard": {}}
    seconds: dict[str, dict[int, float]] = {"linkedin": {}, "vcard": {}}
    failures = []
    for n in sizes:
        counts = {"linkedin": n, "vcards": n, "facebook": 10, "targets": 10}
        folder = OUT / f"mem_{n}"
        files = ensure_data(folder, counts, ("linkedin", "vcard"), truth=False)
        for source in ("linkedin", "vcard"):
            db = tmp / f"mem_{source}_{n}.db"
            r = run_once([*whoknows_cmd(), "import", str(folder / files[source])], store_env(db))
            if r.returncode != 0:
                failures.append(f"{source} {n}: exit {r.returncode} {r.stderr.strip()[-200:]}")
            peaks[source][n] = r.peak_mb
            seconds[source][n] = r.seconds
    rows = []
    small, large = sizes[0], sizes[-1]
    for source, label in (("linkedin", "LinkedIn connections"), ("vcard", "vCards")):
        p = peaks[source]
        growth = p[large] / p[small]
        series = " / ".join(f"{p[n]:.0f}" for n in sizes)
        rows.append(
            Row(
                f"peak memory importing {large:,} {label}",
                f"{p[large]:.0f} MB",
                f"python -c 'import sqlite3' {floor:.0f} MB",
                f"x{growth:.2f} from {k(small)} to {k(large)}",
                "<= 300 MB, flat (x<=1.5)",
                not failures and p[large] <= 300 and growth <= 1.5,
                f"MB at {'/'.join(k(n) for n in sizes)}: {series}; "
                f"import took {' / '.join(secs(seconds[source][n]) for n in sizes)}"
                + (f"; FAILED: {failures}" if failures else ""),
                {"peaks_mb": p, "seconds": seconds[source], "floor_mb": floor},
            )
        )
    return rows


# ---- report -----------------------------------------------------------------------------------


def machine() -> dict:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def verdict(row: Row) -> str:
    return {True: "met", False: "MISSED", None: "n/a"}[row.met]


def print_table(rows: list[Row]) -> None:
    headers = ("benchmark", "figure", "floor (same run)", "ratio", "target", "result")
    cells = [(r.benchmark, r.figure, r.floor, r.ratio, r.target, verdict(r)) for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row, c in zip(rows, cells, strict=True):
        print("  ".join(x.ljust(w) for x, w in zip(c, widths, strict=True)))
        if row.note:
            print(" " * 4 + row.note)


def markdown(rows: list[Row], info: dict) -> str:
    lines = [
        "| benchmark | figure | floor (same run) | ratio | target | result |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r.benchmark} | {r.figure} | {r.floor} | {r.ratio} | {r.target} | {verdict(r)} |"
        )
    lines.append("")
    lines.append(
        f"Machine: {info['nproc']} cores ({info['cpu']}), Python {info['python']}, "
        f"{info['platform']}; load average {info['load_average']} at start, "
        f"{info['load_average_end']} at the end (a shared machine: figures move with the load)."
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default=",".join(BENCHMARKS), help="comma-separated benchmarks")
    parser.add_argument("--repeat", type=int, default=11, help="runs per query figure (median)")
    parser.add_argument(
        "--import-repeat", type=int, default=3, help="runs per import figure (median)"
    )
    parser.add_argument("--markdown", action="store_true", help="also print a Markdown table")
    parser.add_argument(
        "--small", action="store_true", help="smoke test: small data (figures meaningless)"
    )
    parser.add_argument(
        "--sizes",
        default=",".join(str(n) for n in MEMORY_SIZES),
        help="contact counts for the memory benchmark",
    )
    args = parser.parse_args(argv)
    chosen = [b.strip() for b in args.only.split(",") if b.strip()]
    unknown = set(chosen) - set(BENCHMARKS)
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
    sizes = tuple(int(n) for n in args.sizes.split(","))
    counts = SMALL if args.small else FULL
    if args.small:
        sizes = tuple(n // 100 for n in sizes)

    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # see store_env
    info = machine()
    print(
        f"whoknows benchmarks: {info['nproc']} cores, {info['cpu']}, Python {info['python']}, "
        f"load {info['load_average']}",
        flush=True,
    )
    data = OUT / ("small" if args.small else "data")
    files = ensure_data(data, counts, ("linkedin", "vcard", "facebook", "targets"), truth=True)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="whoknows-bench-") as tmp_name:
        tmp = Path(tmp_name)
        steps = {
            "query": lambda: bench_query(data, files, args.repeat, tmp),
            "linkedin": lambda: bench_linkedin(data, files, counts, args.import_repeat, tmp),
            "vcard": lambda: bench_vcard(data, files, counts, args.import_repeat, tmp),
            "crossref": lambda: bench_crossref(data, files, counts, args.import_repeat, tmp),
            "memory": lambda: bench_memory(tmp, sizes),
        }
        for name in BENCHMARKS:
            if name not in chosen:
                continue
            print(f"- {name} ...", flush=True)
            try:
                rows += steps[name]()
            except Exception as e:  # a benchmark that cannot run is reported, not fatal
                rows.append(Row(name, "-", "-", "-", "-", None, f"could not run: {e}"))
    info["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    print()
    print_table(rows)
    print()
    print(f"load average at start {info['load_average']}, at end {info['load_average_end']}")
    OUT.mkdir(exist_ok=True)
    result = {"machine": info, "rows": [asdict(r) for r in rows]}
    (OUT / "results.json").write_text(json.dumps(result, indent=2, default=str))
    if args.markdown:
        print()
        print(markdown(rows, info))
    return 0


if __name__ == "__main__":
    sys.exit(main())
