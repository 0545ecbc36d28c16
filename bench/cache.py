"""`make bench-cache`: cached pages as a share of a static file, direct and through Varnish.

Starts gunicorn (production settings, `--preload`, 2 workers) on 127.0.0.1 and, when
`varnishd` is installed, Varnish with deploy/varnish.vcl in front of it. Loads each URL
with wrk (`-t2 -c16`, BENCH_SECONDS each, after one warming request) and prints requests/s
as a percentage of the static CSS file in the same run, then the workers' RSS and PSS.
Ratios within one run are what count: other load on the machine moves all rows alike.
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

from bench.run import bench_env, manage, memory_line  # noqa: E402

PORT = int(os.environ.get("BENCH_PORT", "8101"))
VARNISH_PORT = PORT + 1
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
URLS = [
    ("home", "/"),
    ("nieuwsoverzicht", "/nieuws/"),
    ("nieuwsbericht", None),  # the first news page the API lists
    ("conferentie", None),
    ("overzicht met q en filter", "/cooperaties/?q=samen&provincie=Noord-Brabant"),
    ("coöperatie", "/cooperaties/de-vrije-uitloop/"),
    ("zoeken", "/zoeken/?q=co%C3%B6peratie"),
    ("suggesties", "/zoeken/suggesties/?q=coop"),
    ("api-lijst", "/api/v2/pages/?type=coops.CoopPage&fields=*&limit=20"),
    ("feed", "/nieuws/rss/"),
]


def env():
    """`make bench`'s environment, on a small database of its own unless DATABASE_URL is set."""
    values = bench_env(PORT)
    if "DATABASE_URL" not in os.environ:
        values["DATABASE_URL"] = f"sqlite:///{ROOT / 'bench-cache.sqlite3'}"
    return values


def get(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8", "replace")


def wait(url):
    for _ in range(200):
        try:
            return get(url)
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} kwam niet op")


def wrk(url):
    out = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{SECONDS}s", url], capture_output=True, text=True, check=True
    ).stdout
    match = re.search(r"Requests/sec:\s+([\d.]+)", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return float(match.group(1)), int(errors.group(1)) if errors else 0


def main():
    values = env()
    manage(values, "migrate", "--noinput", "-v0")
    manage(values, "collectstatic", "--noinput", "-v0")
    manage(values, "load_demo_content")
    manage(values, "generate_coops", "--count", os.environ.get("BENCH_COOPS", "500"))
    manage(values, "generate_news", "--count", os.environ.get("BENCH_NEWS", "100"))
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "coopsite.wsgi:application", "--config", "gunicorn.conf.py"]
        + ["--bind", f"127.0.0.1:{PORT}", "--workers", "2"],
        cwd=ROOT,
        env=values,
        start_new_session=True,
    )
    varnish = workdir = None
    try:
        base = f"http://127.0.0.1:{PORT}"
        home = wait(base + "/")
        css = re.search(r'href="(/static/[^"]+\.css)"', home).group(1)
        news = get(base + "/api/v2/pages/?type=news.NewsPage&limit=1")
        conference = get(base + "/api/v2/pages/?type=news.ConferencePage&limit=1")
        urls = dict(URLS)
        for name, listing in (("nieuwsbericht", news), ("conferentie", conference)):
            found = re.search(r'"html_url": ?"https?://[^/]+(/[^"]*)"', listing)
            urls[name] = found.group(1) if found else "/nieuws/"
        bases = [("gunicorn", base)]
        if shutil.which("varnishd"):
            workdir = tempfile.mkdtemp(prefix="coopsite-varnish-")
            os.chmod(workdir, 0o755)  # noqa: S103 (varnishd's child runs as its own user)
            vcl = (ROOT / "deploy" / "varnish.vcl").read_text().replace('"8000"', f'"{PORT}"')
            (Path(workdir) / "site.vcl").write_text(vcl)
            varnish = subprocess.Popen(
                ["varnishd", "-F", "-n", workdir, "-a", f"127.0.0.1:{VARNISH_PORT}"]
                + ["-f", str(Path(workdir) / "site.vcl"), "-s", "malloc,64m"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            wait(f"http://127.0.0.1:{VARNISH_PORT}/")
            bases.append(("Varnish", f"http://127.0.0.1:{VARNISH_PORT}"))
        print(f"wrk -t2 -c16 -d{SECONDS}s; 2 gunicorn-workers (--preload); req/s en % van {css}")
        for label, prefix in bases:
            static_rate, _ = wrk(prefix + css)
            print(f"\n{label}: statisch CSS {static_rate:.0f} req/s")
            print("| pagina | req/s | % van statisch | fouten |\n|---|---:|---:|---:|")
            for name, path in urls.items():
                get(prefix + path)
                rate, errors = wrk(prefix + path)
                share = 100 * rate / static_rate
                print(f"| {name} | {rate:.0f} | {share:.0f}% | {errors} |", flush=True)
        print("\n" + memory_line(server.pid))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
        if varnish is not None:
            varnish.terminate()
            varnish.wait(timeout=20)
        if workdir:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
