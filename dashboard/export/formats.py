"""Snapshot files: PNG with text chunks, SVG with title and description, standalone HTML."""

from __future__ import annotations

import html
import struct
import zlib
from datetime import datetime, timezone

import plotly.graph_objects as go

from . import render

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
WIDTH, PNG_SCALE = 1280, 2


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def _itxt(keyword: str, text: str) -> bytes:
    """An iTXt chunk (UTF-8 text, uncompressed), for keys readers such as exiftool show."""
    return _chunk(b"iTXt", keyword.encode("latin-1") + b"\0\0\0\0\0" + text.encode("utf-8"))


def add_png_text(png: bytes, fields: dict[str, str]) -> bytes:
    """Insert text chunks before IEND, leaving the image data untouched."""
    if not png.startswith(PNG_SIGNATURE):
        raise ValueError("not a PNG")
    end = png.rindex(b"IEND") - 4
    return png[:end] + b"".join(_itxt(k, v) for k, v in fields.items()) + png[end:]


def without_png_text(png: bytes, keyword: str) -> bytes:
    """The PNG without its iTXt/tEXt chunks named `keyword`."""
    out, position = [png[:8]], 8
    while position < len(png):
        (length,) = struct.unpack(">I", png[position:position + 4])
        end = position + 12 + length
        kind, data = png[position + 4:position + 8], png[position + 8:position + 8 + length]
        if not (kind in (b"iTXt", b"tEXt") and data.split(b"\0", 1)[0] == keyword.encode("latin-1")):
            out.append(png[position:end])
        position = end
    return b"".join(out)


def read_png_text(png: bytes) -> dict[str, str]:
    fields, position = {}, len(PNG_SIGNATURE)
    while position < len(png):
        (length,) = struct.unpack(">I", png[position:position + 4])
        kind, data = png[position + 4:position + 8], png[position + 8:position + 8 + length]
        if kind == b"iTXt":
            keyword, _, rest = data.partition(b"\0")
            fields[keyword.decode("latin-1")] = rest[2:].split(b"\0", 2)[2].decode("utf-8")  # after lang, key
        elif kind == b"tEXt":
            keyword, _, text = data.partition(b"\0")
            fields[keyword.decode("latin-1")] = text.decode("latin-1")
        position += 12 + length
    return fields


def metadata(figure: go.Figure, alt_text: str) -> dict[str, str]:
    meta = figure.layout.meta or {}
    return {
        "Title": figure.layout.title.text and html.unescape(figure.layout.title.text.replace("<br>", " ")) or "",
        "Description": alt_text,
        "Source": meta.get("permalink", ""),
        "Data version": meta.get("data_version", ""),
        "Creation Time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "Software": "nk-troops-tracker (plotly, kaleido)",
    }


def png(figure: go.Figure, alt_text: str) -> bytes:
    image = render.to_image(figure, "png", WIDTH, int(figure.layout.height), PNG_SCALE)
    return add_png_text(image, metadata(figure, alt_text))


def svg(figure: go.Figure, alt_text: str, width: int = WIDTH) -> bytes:
    image = render.to_image(figure, "svg", width, int(figure.layout.height), 1).decode("utf-8")
    fields = metadata(figure, alt_text)
    head_end = image.index(">", image.index("<svg")) + 1
    described = (f"<title>{html.escape(fields['Title'])}</title>"
                 f"<desc>{html.escape(alt_text)} Source: {html.escape(fields['Source'])}. "
                 f"Data version {html.escape(fields['Data version'])}.</desc>")
    return (image[:head_end] + described + image[head_end:]).encode("utf-8")


def html_page(figure: go.Figure, alt_text: str) -> bytes:
    """A standalone page that works offline: plotly.js is embedded, nothing is fetched."""
    fields = metadata(figure, alt_text)
    chart = figure.to_html(full_html=False, include_plotlyjs=True, include_mathjax=False,
                           config={"displaylogo": False, "responsive": True}, div_id="chart",
                           default_width="100%", default_height=f"{int(figure.layout.height)}px")
    title, alt, link = (html.escape(fields[k]) for k in ("Title", "Description", "Source"))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<meta name="description" content="{alt}">
</head>
<body style="margin:0;font-family:sans-serif">
<figure style="margin:0" role="figure" aria-label="{alt}">
{chart}
<figcaption style="padding:0.5em 1em;color:#333">{alt}
<br><a href="{link}">{link}</a> · data version {html.escape(fields["Data version"])}</figcaption>
</figure>
</body>
</html>
""".encode("utf-8")


BUILDERS = {"png": png, "svg": svg, "html": html_page}
MIME = {"png": "image/png", "svg": "image/svg+xml", "html": "text/html", "csv": "text/csv",
        "json": "application/json", "zip": "application/zip"}
