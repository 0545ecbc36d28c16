"""`make bench-import`: how long `import_coops` takes for N new rows, then the same rows changed.

Builds the CSV the way an editor would get one: `generate_coops --count N` in a scratch
database, then the directory's own CSV export. Imports it into a second, fresh database that
holds only the demo content (N new entries), changes every intro and imports again (N changed
entries). Prints wall-clock and CPU seconds of each import process.

BENCH_DATABASE=postgres uses two databases on 127.0.0.1:5432 (created and dropped here);
otherwise two SQLite files in a temporary folder. BENCH_ROWS sets N (default 5,000).
"""

import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import BIN, bench_env  # noqa: E402

ROWS = int(os.environ.get("BENCH_ROWS", "5000"))
PG = "postgres://postgres@127.0.0.1:5432"
EXPORT = """
from django.http import QueryDict
from coops.exports import csv_response
from coops.models import CoopIndexPage
with open({path!r}, "wb") as out:
    out.write(csv_response(CoopIndexPage.objects.first(), QueryDict()).content)
"""


def databases(folder):
    if os.environ.get("BENCH_DATABASE") != "postgres":
        return [f"sqlite:///{folder}/{name}.sqlite3" for name in ("bron", "doel")]
    import psycopg

    names = ["coopsite_bench_import_src", "coopsite_bench_import_dst"]
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        for name in names:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    return [f"{PG}/{name}" for name in names]


def run(env, *args, timed=False):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    subprocess.run(
        [str(BIN / "python"), "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if not timed else None,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return time.monotonic() - start, cpu


def changed_copy(source, target):
    """The export with every intro changed, in the export's own dialect (BOM, delimiter)."""
    with open(source, newline="", encoding="utf-8-sig") as handle:
        delimiter = ";" if ";" in handle.readline() else ","
        handle.seek(0)
        rows = list(csv.DictReader(handle, delimiter=delimiter))
    for row in rows:
        row["intro"] = (row.get("intro") or "") + " Bijgewerkt."
    with open(target, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)


def main():
    with tempfile.TemporaryDirectory() as folder:
        source_db, target_db = databases(folder)
        source = {**bench_env(8000), "DATABASE_URL": source_db}
        target = {**bench_env(8000), "DATABASE_URL": target_db}
        exported, changed = f"{folder}/export.csv", f"{folder}/changed.csv"

        for env in (source, target):
            run(env, "migrate", "--noinput")
            run(env, "load_demo_content")
        run(source, "generate_coops", "--count", str(ROWS))
        run(source, "shell", "-c", EXPORT.format(path=exported))
        changed_copy(exported, changed)

        figures = []
        for label, path in (("nieuw", exported), ("gewijzigd", changed)):
            wall, cpu = run(target, "import_coops", path, timed=True)
            figures.append((label, wall, cpu))
        database = "PostgreSQL" if "postgres" in target_db else "SQLite"
        print(f"\nimport_coops, {ROWS} rijen ({database}):")
        for label, wall, cpu in figures:
            print(f"  {label:>10}: {wall:6.1f} s wandklok, {cpu:6.1f} s CPU")


if __name__ == "__main__":
    main()
