"""The brand in pictures the site draws itself with Pillow: demo illustrations, social
cards and touch icons.

The colours are the design tokens of `css/site.css` (`--coop-color-*`), read from that file,
so a re-themed stylesheet re-themes the pictures too. The mark is the favicon's: two rings
and an arc (two people, shoulder to shoulder) on a rounded raspberry square.
"""

import functools
import io
import random
import re
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from django.contrib.staticfiles import finders

TOKEN_FILE = "css/site.css"  # noqa: S105 - a file name, not a password
TOKEN = re.compile(r"--coop-color-(?P<name>[a-z-]+):\s*(?P<value>#[0-9a-fA-F]{3,6})\s*;")
#: Pictures are drawn this many times larger, then scaled down: Pillow draws without anti-aliasing.
SUPERSAMPLE = 2
FONT_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
)


def _hex(value):
    value = value.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    return "#" + value.lower()


@functools.cache
def colours():
    """The `--coop-color-*` tokens of the site stylesheet, by name without the prefix.

    The first declaration of each counts (the `:root` block); later ones are overrides
    for print and forced colours.
    """
    text = Path(finders.find(TOKEN_FILE)).read_text(encoding="utf-8")
    tokens = {}
    for match in TOKEN.finditer(text):
        tokens.setdefault(match["name"], _hex(match["value"]))
    return tokens


def _font(size):
    for path in FONT_FILES:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)  # Pillow's own scalable font


def draw_mark(draw, left, top, size, background=None, ring=None, ring_soft=None):
    """The favicon's mark in a `size`-pixel square at (left, top)."""
    c = colours()
    unit = size / 64

    def xy(*points):
        return [left + p * unit if i % 2 == 0 else top + p * unit for i, p in enumerate(points)]

    draw.rounded_rectangle(xy(0, 0, 64, 64), radius=14 * unit, fill=background or c["primary"])
    width = max(1, round(5 * unit))
    # Pillow strokes inside the box, so each box is the SVG's circle plus half the stroke.
    draw.ellipse(xy(12.5, 14.5, 35.5, 37.5), outline=ring or c["bg"], width=width)
    draw.ellipse(xy(28.5, 14.5, 51.5, 37.5), outline=ring_soft or c["bg-soft"], width=width)
    # The arc: the top of the circle through (14, 48), (32, 38) and (50, 48).
    draw.arc(xy(8.3, 35.5, 55.7, 82.9), start=212, end=328, fill=ring or c["bg"], width=width)


def _png(image, **options):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", **options)
    return buffer.getvalue()


def _finish(canvas, size):
    return canvas.resize(size, Image.Resampling.LANCZOS)


def illustration(seed, size=(1600, 900)):
    """An abstract picture in the brand colours (rings, arcs and dots), the same for a seed.

    Returns PNG bytes. Used for the demo content, never presented as a photo.
    """
    c = colours()
    rng = random.Random(seed)  # noqa: S311 - a picture, not a secret
    palettes = [
        (c["primary"], [c["bg"], c["bg-soft"], c["primary-soft"], c["primary-dark"]]),
        (c["bg-soft"], [c["primary"], c["primary-dark"], c["success"], c["border"]]),
        (c["primary-dark"], [c["bg-soft"], c["primary"], c["primary-soft"], c["bg"]]),
    ]
    background, inks = palettes[rng.randrange(len(palettes))]
    w, h = (n * SUPERSAMPLE for n in size)
    canvas = Image.new("RGB", (w, h), background)
    draw = ImageDraw.Draw(canvas)
    for _ in range(rng.randint(3, 5)):
        r = rng.randint(h // 8, h // 2)
        x, y = rng.randint(-r // 2, w), rng.randint(-r // 2, h)
        if rng.random() < 0.35:
            draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.choice(inks))
        else:
            draw.ellipse((x - r, y - r, x + r, y + r), outline=rng.choice(inks), width=h // 30)
    # Two people, shoulder to shoulder: the mark's rings and arc, large.
    r, cx, cy = h // 7, w // 2 + rng.randint(-w // 6, w // 6), h // 2 - h // 12
    stroke = h // 22
    draw.ellipse((cx - 4 * r, cy - 3 * r, cx + 4 * r, cy + 5 * r), fill=background)
    draw.ellipse((cx - 2 * r, cy - r, cx, cy + r), outline=inks[0], width=stroke)
    draw.ellipse((cx, cy - r, cx + 2 * r, cy + r), outline=inks[1], width=stroke)
    draw.arc(
        (cx - 3 * r, cy + r, cx + 3 * r, cy + 7 * r), start=205, end=335, fill=inks[0], width=stroke
    )
    return _png(_finish(canvas, size))


def _wrap(draw, text, font, width, max_lines):
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        while lines[-1] and draw.textlength(lines[-1] + "…", font=font) > width:
            lines[-1] = lines[-1][:-1]
        lines[-1] = lines[-1].rstrip() + "…"
    return lines


SOCIAL_CARD_SIZE = (1200, 630)


def social_card(title, kind="", date="", site_name=""):
    """The Open Graph picture of a page without an image: its title, type, date and the brand.

    Returns PNG bytes, 1200×630 (the size Facebook, LinkedIn and X show in full).
    """
    c = colours()
    s = SUPERSAMPLE
    w, h = (n * s for n in SOCIAL_CARD_SIZE)
    canvas = Image.new("RGB", (w, h), c["bg-soft"])
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((0, h - 24 * s, w, h), fill=c["primary"])
    draw.ellipse(
        (w - 330 * s, -170 * s, w + 170 * s, 330 * s), outline=c["primary-soft"], width=40 * s
    )
    margin = 80 * s
    draw_mark(draw, margin, 64 * s, 88 * s)
    draw.text(
        (margin + 112 * s, 108 * s), site_name, font=_font(38 * s), fill=c["text"], anchor="lm"
    )
    top = 220 * s
    if kind or date:
        label = " · ".join(part for part in (kind.upper(), date) if part)
        draw.text((margin, top), label, font=_font(30 * s), fill=c["primary"])
        top += 64 * s
    font = _font(64 * s)
    for line in _wrap(draw, title, font, w - 2 * margin, 3):
        draw.text((margin, top), line, font=font, fill=c["text"])
        top += 80 * s
    return _png(_finish(canvas, SOCIAL_CARD_SIZE))


def touch_icon(size=180):
    """The mark as a square PNG, edge to edge (iOS rounds the corners itself)."""
    c = colours()
    s = SUPERSAMPLE
    canvas = Image.new("RGB", (size * s, size * s), c["primary"])
    draw = ImageDraw.Draw(canvas)
    inset = size * s // 8  # the safe zone of a maskable icon
    draw_mark(draw, inset, inset, size * s - 2 * inset)
    return _png(_finish(canvas, (size, size)))
