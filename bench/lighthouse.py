"""`make lighthouse`: Lighthouse scores of the main page types, at mobile and desktop.

Lighthouse is an npm package, not a dependency of the project: install it outside the
repository (`npm i -E lighthouse@12.2.3` in a folder of your own; 13.x wants Node 22)
and pass its binary as LIGHTHOUSE. Chromium is the system one.

By default the harness serves the site itself, as production would: gunicorn with
production settings on a free loopback port (SQLite file lighthouse.sqlite3 unless
DATABASE_URL is set), after migrate, collectstatic and the demo content. With --base it
measures a site that is already running instead.

Map tiles: this machine has no internet, so OpenStreetMap's tiles cannot load and every
failed tile is a console error that Lighthouse counts against "best practices". When
the harness serves the site, it also starts a tiny tile server on loopback that answers
every /{z}/{x}/{y}.png with one generated plain PNG (256 px, or 512 px for a
high-resolution `@2x` tile), and points the site's MAP_TILE_URL (and so its CSP img-src)
at it. That server only stands in for the
internet tile server; it is not part of the site. With --base, the running site's own
MAP_TILE_URL is used as it is.

Prints one table of the four category scores; the JSON reports are kept in
bench/results/lighthouse/ for reading the failing audits.
"""

import argparse
import json
import os
import signal
import struct
import subprocess
import sys
import threading
import urllib.request
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import BIN, bench_env, free_port, manage, wait_until_up  # noqa: E402

PAGES = {
    "home": "/",
    "nieuwsbericht": "/nieuws/de-vrije-uitloop-en-het-bijzonder-statuut/",
    "conferentie": "/nieuws/tussen-wil-en-wet/",
    "overzicht": "/cooperaties/",
    "cooperatie": "/cooperaties/de-vrije-uitloop/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
REPORTS = ROOT / "bench" / "results" / "lighthouse"


def tile_png(size=256, rgb=(0xE8, 0xEE, 0xE4)):
    """One plain PNG tile (a pale land colour), written with zlib: no Pillow needed."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(rgb) * size
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * size, 9))
        + chunk(b"IEND", b"")
    )


def start_tile_server():
    """A loopback stand-in for the internet tile server; returns (server, MAP_TILE_URL).

    Like tile servers that have high-resolution tiles, it answers `…@2x.png` with a
    512-pixel tile, which Leaflet asks for (`{r}`) on a screen with more than one device
    pixel per CSS pixel, such as Lighthouse's phone."""
    tiles = {False: tile_png(256), True: tile_png(512)}

    class Tiles(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            tile = tiles["@2x" in self.path]
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(tile)))
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
            self.end_headers()
            self.wfile.write(tile)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Tiles)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/{{z}}/{{x}}/{{y}}{{r}}.png"


def serve(tile_url):
    """gunicorn with production settings and the demo content; returns (process, base)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    # bench/run.py's environment (loopback hosts, no TLS redirect, tasks at once), with the
    # plain production settings and a database of its own (demo content only).
    env = bench_env(port)
    env.update(DJANGO_SETTINGS_MODULE="coopsite.settings.production", MAP_TILE_URL=tile_url)
    if not os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = f"sqlite:///{ROOT / 'lighthouse.sqlite3'}"
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "load_demo_content", "--site-url", base, "-v0")
    command = [str(BIN / "gunicorn"), "coopsite.wsgi:application"]
    command += ["--config", str(ROOT / "gunicorn.conf.py"), "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", "2"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)  # noqa: S603
    wait_until_up(base)
    return server, base


def stop(server):
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def warm_up(base):
    """Visit each page once first: the first visit makes the image renditions (Pillow work
    that can outlast gunicorn's timeout on a busy machine), which a visitor meets only once."""
    for path in PAGES.values():
        with urllib.request.urlopen(base + path, timeout=120) as response:  # noqa: S310 - loopback
            response.read()


def scores(lighthouse, url, form_factor, chrome, report):
    command = [
        lighthouse,
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--chrome-path={chrome}",
        "--chrome-flags=--headless=new --no-sandbox",
        f"--only-categories={','.join(CATEGORIES)}",
    ]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    # Lighthouse itself now and then fails to record the trace (NO_NAVSTART) on a busy
    # machine: one more try before giving up.
    for attempt in (1, 2):
        done = subprocess.run(command, check=attempt == 2, timeout=300)  # noqa: S603
        if done.returncode == 0:
            break
    data = json.loads(report.read_text())
    result = {name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES}
    failed = [
        audit["id"]
        for audit in data["audits"].values()
        if audit.get("score") is not None
        and audit["score"] < 0.9
        and audit["scoreDisplayMode"] in ("binary", "numeric", "metricSavings")
    ]
    return result, failed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lighthouse", default="lighthouse")
    parser.add_argument("--base", help="measure this running site instead of serving one")
    parser.add_argument("--chrome", default="/usr/bin/chromium")
    parser.add_argument("--only", help="only pages whose name contains this text")
    parser.add_argument("--form", choices=("mobile", "desktop"), help="only this form factor")
    args = parser.parse_args()
    server = tiles = None
    base = args.base
    try:
        if not base:
            tiles, tile_url = start_tile_server()
            server, base = serve(tile_url)
        warm_up(base)
        REPORTS.mkdir(parents=True, exist_ok=True)
        print(f"| page | form | {' | '.join(CATEGORIES)} | audits below 0.9 |")
        print("|---|---|" + "---|" * len(CATEGORIES) + "---|")
        for name, path in PAGES.items():
            if args.only and args.only not in name:
                continue
            for form_factor in ("mobile", "desktop"):
                if args.form and args.form != form_factor:
                    continue
                report = REPORTS / f"{name}-{form_factor}.json"
                result, failed = scores(
                    args.lighthouse, base + path, form_factor, args.chrome, report
                )
                cells = " | ".join(str(result[c]) for c in CATEGORIES)
                print(f"| {name} | {form_factor} | {cells} | {', '.join(failed)} |", flush=True)
    finally:
        if server:
            stop(server)
        if tiles:
            tiles.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
