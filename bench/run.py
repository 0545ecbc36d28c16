"""`make bench`: load-test the site under gunicorn with production settings.

Starts gunicorn on 127.0.0.1 (SQLite file bench.sqlite3 unless DATABASE_URL is
set), loads each URL of bench/targets.py with locust for a fixed time, prints
one table (requests/s, p50/p95/p99, failures, SQL queries of one request) and
stops everything it started.
"""

import argparse
import csv
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.targets import SETUP, TARGETS  # noqa: E402

BIN = Path(sys.executable).parent


def free_port():
    """BENCH_PORT when set (a shared machine hands out port ranges), else any free port."""
    if os.environ.get("BENCH_PORT"):
        return int(os.environ["BENCH_PORT"])
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_env(port):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="coopsite.settings.bench",
        SECRET_KEY=env.get("SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        WAGTAILADMIN_BASE_URL=f"http://127.0.0.1:{port}",
        GUNICORN_ACCESSLOG="",
        # No task worker runs here: index updates and purges happen at once.
        TASK_BACKEND="immediate",
    )
    env.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'bench.sqlite3'}")
    return env


def redis_reachable(host="127.0.0.1", port=6379):
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def manage(env, *args):
    subprocess.run([str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=env, check=True)


def wait_until_up(base, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/health/", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn kwam niet op tijd op")


def worker_memory(master_pid):
    """(RSS, PSS) in MiB of each worker: PSS shares the pages still shared since the fork."""
    children = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(master_pid)], capture_output=True, text=True
    ).stdout.split()
    return [memory(int(pid)) for pid in children]


def memory(pid):
    """RSS and PSS of a process in MiB, from /proc/PID/smaps_rollup."""
    fields = {}
    with open(f"/proc/{pid}/smaps_rollup") as rollup:
        for line in rollup:
            name, _, rest = line.partition(":")
            if name in ("Rss", "Pss"):
                fields[name] = int(rest.split()[0]) // 1024
    return fields.get("Rss", 0), fields.get("Pss", 0)


def memory_line(master_pid):
    workers = worker_memory(master_pid)
    rss = ", ".join(str(rss) for rss, _ in workers)
    pss = ", ".join(str(pss) for _, pss in workers)
    master = memory(master_pid)[1]
    return f"Workers na de run: RSS {rss} MiB; PSS {pss} MiB (master: PSS {master} MiB)"


def query_count(base, path):
    """Warm the caches once, then read the SQL query count of one request."""
    for _ in range(2):
        with urllib.request.urlopen(base + path, timeout=30) as response:
            count = response.headers.get("X-Query-Count", "?")
            status = response.status
    return count, status


def run_locust(base, path, users, duration, workdir):
    prefix = Path(workdir) / f"run{abs(hash(path))}"
    env = dict(os.environ, BENCH_PATH=path)
    subprocess.run(
        [
            str(BIN / "locust"),
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "--only-summary",
            "--loglevel",
            "WARNING",
            "-u",
            str(users),
            "-r",
            str(users),
            "-t",
            f"{duration}s",
            "--host",
            base,
            "--csv",
            str(prefix),
        ],
        cwd=ROOT,
        env=env,
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    with open(f"{prefix}_stats.csv", newline="") as handle:
        rows = {row["Name"]: row for row in csv.DictReader(handle)}
    row = rows["Aggregated"]
    return {
        "rps": float(row["Requests/s"]),
        "p50": row["50%"],
        "p95": row["95%"],
        "p99": row["99%"],
        "requests": int(row["Request Count"]),
        "failures": int(row["Failure Count"]),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duration", type=int, default=int(os.environ.get("BENCH_DURATION", 15)))
    parser.add_argument("--users", type=int, default=int(os.environ.get("BENCH_USERS", 8)))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("BENCH_WORKERS", 2)))
    parser.add_argument(
        "--only", action="append", help="only targets whose name contains this text (repeatable)"
    )
    parser.add_argument("--skip-setup", action="store_true")
    parser.add_argument(
        "--no-content-cache",
        action="store_true",
        help="the first visitor after a change: no full-page cache and no content cache "
        "(menu, search results, suggestions, the directory's cards)",
    )
    args = parser.parse_args()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = bench_env(port)
    # As in production: a shared Redis cache when one runs here (its database 15, emptied
    # first), else each worker's own memory (and then no content cache).
    if not env.get("REDIS_URL") and redis_reachable():
        env["REDIS_URL"] = "redis://127.0.0.1:6379/15"
    if args.no_content_cache:
        env["CONTENT_CACHE_TIMEOUT"] = "0"
        env["PAGE_CACHE_TIMEOUT"] = "0"
    database = env["DATABASE_URL"].split("://")[0]
    cache = "Redis" if env.get("REDIS_URL") else "geheugen per worker"
    content_cache = "uit" if args.no_content_cache or not env.get("REDIS_URL") else "aan"
    print(
        f"Database: {database}; cache: {cache}; contentcache: {content_cache}; "
        f"{args.workers} gunicorn-workers; {args.users} gebruikers; {args.duration} s per URL",
        flush=True,
    )

    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    if not args.skip_setup:
        for command in SETUP:
            manage(env, *command)
    manage(env, "shell", "-c", "from django.core.cache import cache; cache.clear()")

    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "coopsite.wsgi:application",
            "--config",
            str(ROOT / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    results = []
    memory_report = ""
    try:
        wait_until_up(base)
        with tempfile.TemporaryDirectory() as workdir:
            for name, path in TARGETS:
                if args.only and not any(part in name for part in args.only):
                    continue
                queries, status = query_count(base, path)
                stats = run_locust(base, path, args.users, args.duration, workdir)
                results.append((name, path, status, queries, stats))
                print(f"  {name}: {stats['rps']:.0f} req/s, p95 {stats['p95']} ms", flush=True)
        memory_report = memory_line(server.pid)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)

    header = "| URL | pad | req/s | p50 ms | p95 ms | p99 ms | fouten | SQL-queries |"
    lines = [header, "|---|---|---:|---:|---:|---:|---:|---:|"]
    for name, path, _status, queries, stats in results:
        lines.append(
            f"| {name} | `{path}` | {stats['rps']:.0f} | {stats['p50']} | {stats['p95']} | "
            f"{stats['p99']} | {stats['failures']}/{stats['requests']} | {queries} |"
        )
    table = "\n".join(lines) + "\n\n" + memory_report
    print()
    print(table)
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    suffix = "-zonder-contentcache" if content_cache == "uit" else ""
    (out / f"latest-{database}{suffix}.md").write_text(table + "\n")


if __name__ == "__main__":
    main()
