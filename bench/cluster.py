"""`make cluster`: two app servers behind Varnish, sharing PostgreSQL and Redis, stay fresh.

Starts gunicorn A and B (production settings) on two ports, and Varnish
(deploy/varnish.vcl, round robin over A and B) that the site purges
(FRONTEND_CACHE_URL). Fills every cache (Varnish, Redis) with the news index, the
RSS feed and the API listing, then publishes a new news page through server A's API
v3 and asks Varnish and server B for the page, the index, the feed and the API
listing. Every answer after A confirmed the publish must show it (0 stale answers),
and all of them within one second. Exit status 1 when not.

Needs PostgreSQL (CLUSTER_DATABASE_URL, default the scale-out database) and Redis
(CLUSTER_REDIS_URL, default database 1). Tasks run at once in the publishing request
(the purge is sent before A answers); tests/test_task_worker.py runs the real worker.
"""

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

from bench.cache import wait  # noqa: E402

A, B, VARNISH = 8110, 8111, 8112
DEADLINE = 1.0


def env():
    values = dict(os.environ)
    values.update(
        DJANGO_SETTINGS_MODULE="coopsite.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        GUNICORN_ACCESSLOG="",
        DATABASE_URL=os.environ.get(
            "CLUSTER_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/coopsite_scaleout"
        ),
        REDIS_URL=os.environ.get("CLUSTER_REDIS_URL", "redis://127.0.0.1:6379/1"),
        FRONTEND_CACHE_URL=f"http://127.0.0.1:{VARNISH}",
        TASK_BACKEND="immediate",
        DJANGO_SUPERUSER_PASSWORD=secrets.token_urlsafe(16),
    )
    return values


def manage(values, *args):
    return subprocess.run(
        [str(BIN / "python"), "manage.py", *args],
        cwd=ROOT,
        env=values,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def request(url, method="GET", body=None, token=None):
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def varnish_vcl():
    vcl = (ROOT / "deploy" / "varnish.vcl").read_text()
    backends = (
        f'backend a {{ .host = "127.0.0.1"; .port = "{A}"; }}\n'
        f'backend b {{ .host = "127.0.0.1"; .port = "{B}"; }}\n'
        "sub vcl_init { new servers = directors.round_robin(); "
        "servers.add_backend(a); servers.add_backend(b); }\n"
    )
    start = vcl.index("backend default {")
    end = vcl.index("}", start) + 1
    vcl = vcl[:start] + backends + vcl[end:]
    vcl = vcl.replace("vcl 4.1;", "vcl 4.1;\nimport directors;", 1)
    return vcl.replace(
        "sub vcl_recv {", "sub vcl_recv {\n    set req.backend_hint = servers.backend();", 1
    )


def ensure_database(url):
    """Create the PostgreSQL database on a machine that has none yet (a fresh clone)."""
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    server = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def main():
    values = env()
    ensure_database(values["DATABASE_URL"])
    manage(values, "migrate", "--noinput", "-v0")
    manage(values, "collectstatic", "--noinput", "-v0")
    manage(values, "load_demo_content")
    manage(values, "ensure_admin")
    token = manage(values, "api_tokens", "create", "--user", "admin", "--name", "cluster").split()[
        -1
    ]
    manage(values, "shell", "-c", "from django.core.cache import cache; cache.clear()")
    processes = []
    workdir = tempfile.mkdtemp(prefix="coopsite-cluster-")
    os.chmod(workdir, 0o755)  # noqa: S103 (varnishd's child runs as its own user)
    try:
        for port in (A, B):
            processes.append(
                subprocess.Popen(
                    [str(BIN / "gunicorn"), "coopsite.wsgi:application"]
                    + ["--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"]
                    + ["--workers", "2"],
                    cwd=ROOT,
                    env=values,
                    start_new_session=True,
                )
            )
        (Path(workdir) / "site.vcl").write_text(varnish_vcl())
        processes.append(
            subprocess.Popen(
                ["varnishd", "-F", "-n", workdir, "-a", f"127.0.0.1:{VARNISH}"]
                + ["-f", str(Path(workdir) / "site.vcl"), "-s", "malloc,64m"],
                stdout=subprocess.DEVNULL,
                start_new_session=True,
            )
        )
        for port in (A, B, VARNISH):
            wait(f"http://127.0.0.1:{port}/")
        return run(token)
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            process.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)


def run(token):
    status, body = request(f"http://127.0.0.1:{A}/api/v2/pages/?type=news.NewsIndexPage")
    index = json.loads(body)["items"][0]
    index_id, index_url = index["id"], index["meta"]["html_url"]
    title = f"Clustertest {secrets.token_hex(4)}"
    checks = {
        "nieuwsoverzicht": "/nieuws/",
        "RSS": "/nieuws/rss/",
        "API-lijst": "/api/v2/pages/?type=news.NewsPage&fields=title&order=-id",
    }
    targets = [(name, server, path) for server in (VARNISH, B) for name, path in checks.items()]
    for _name, server, path in targets:  # fill Varnish and the shared cache
        request(f"http://127.0.0.1:{server}{path}")
        request(f"http://127.0.0.1:{server}{path}")
    status, body = request(
        f"http://127.0.0.1:{A}/api/v3/pages/",
        "POST",
        {
            "meta": {"type": "news.NewsPage", "parent_id": index_id},
            "title": title,
            "date": "2026-12-01",
            "intro": "Verschijnt op elke server.",
        },
        token,
    )
    if status != 201:
        raise SystemExit(f"aanmaken via A: {status} {body}")
    created = json.loads(body)
    page_id = created["id"]
    slug = created.get("slug") or created.get("meta", {}).get("slug")
    page_path = "/" + (index_url + slug + "/").split("/", 3)[3]
    targets += [("pagina", server, page_path) for server in (VARNISH, B)]
    for _name, server, path in targets[-2:]:  # a 404 for the draft's URL, cached too
        request(f"http://127.0.0.1:{server}{path}")
    status, body = request(
        f"http://127.0.0.1:{A}/api/v3/pages/{page_id}/actions/publish/", "POST", {}, token
    )
    published = time.monotonic()
    if status != 200:
        raise SystemExit(f"publiceren via A: {status} {body}")
    stale, seen = 0, {}

    def check(target):
        name, server, path = target
        status, body = request(f"http://127.0.0.1:{server}{path}")
        return target, status == 200 and title in body, time.monotonic() - published

    # Every URL at once, again and again until each shows the page (or 5 s have passed).
    with ThreadPoolExecutor(max_workers=len(targets)) as pool:
        while len(seen) < len(targets) and time.monotonic() - published < 5:
            waiting = [target for target in targets if target[:2] not in seen]
            for (name, server, _path), fresh, took in pool.map(check, waiting):
                if fresh:
                    seen[(name, server)] = took
                else:
                    stale += 1
    print(f"Gepubliceerd via server A ({A}); gelezen via Varnish ({VARNISH}) en server B ({B}):")
    for name, server, _path in targets:
        where = "Varnish" if server == VARNISH else "server B"
        took = seen.get((name, server))
        shown = f"{took * 1000:.0f} ms" if took is not None else "NIET gezien"
        print(f"  {name:16} {where:9} {shown}")
    print(f"Oude antwoorden na de publicatie: {stale}")
    ok = stale == 0 and len(seen) == len(targets) and max(seen.values()) <= DEADLINE
    print("OK" if ok else "MISLUKT")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
