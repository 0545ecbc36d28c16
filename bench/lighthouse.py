"""`make lighthouse`: Lighthouse scores of the main page types, at mobile and desktop.

Lighthouse is an npm package, not a dependency of the project: install it outside the
repository (`npm i -E lighthouse@12.2.3` in a folder of your own; 13.x wants Node 22)
and pass its binary as LIGHTHOUSE. The site must be running (`make serve`, or gunicorn
with production settings for figures worth reporting, which is what the scores
describe); Chromium is the system one. Prints one table of the four category scores.
"""

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

PAGES = {
    "home": "/",
    "nieuwsbericht": "/nieuws/de-vrije-uitloop-en-het-bijzonder-statuut/",
    "conferentie": "/nieuws/tussen-wil-en-wet/",
    "overzicht": "/cooperaties/",
    "cooperatie": "/cooperaties/de-vrije-uitloop/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def scores(lighthouse, url, form_factor, chrome, folder):
    report = Path(folder) / "report.json"
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
    subprocess.run(command, check=True, timeout=300)  # noqa: S603 - the given binary
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
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--chrome", default="/usr/bin/chromium")
    args = parser.parse_args()
    print(f"| page | form | {' | '.join(CATEGORIES)} | audits below 0.9 |")
    print("|---|---|" + "---|" * len(CATEGORIES) + "---|")
    for name, path in PAGES.items():
        for form_factor in ("mobile", "desktop"):
            with tempfile.TemporaryDirectory() as folder:
                result, failed = scores(
                    args.lighthouse, args.base + path, form_factor, args.chrome, folder
                )
            cells = " | ".join(str(result[c]) for c in CATEGORIES)
            print(f"| {name} | {form_factor} | {cells} | {', '.join(failed)} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
