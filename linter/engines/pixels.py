"""Just enough PNG and colour arithmetic to measure text contrast on a browser screenshot (no imaging library).

`decode_png` reads what Chromium's `Page.captureScreenshot` writes: 8-bit RGB or RGBA, not interlaced, with
any of the five PNG row filters. `luminance` and `contrast` are WCAG 2's relative luminance and contrast ratio.
"""
from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_CHANNELS = {2: 3, 6: 4}  # colour type -> bytes per pixel at bit depth 8


class PngError(ValueError):
    pass


@dataclass(frozen=True)
class Image:
    width: int
    height: int
    channels: int  # 3 (RGB) or 4 (RGBA)
    data: bytes  # rows of width * channels bytes, top to bottom

    def rgb(self, x: int, y: int) -> tuple[int, int, int]:
        at = (y * self.width + x) * self.channels
        return self.data[at], self.data[at + 1], self.data[at + 2]


def decode_png(blob: bytes) -> Image:
    if not blob.startswith(_SIGNATURE):
        raise PngError("not a PNG file")
    pos = len(_SIGNATURE)
    header = None
    idat = []
    while pos + 8 <= len(blob):
        length, kind = struct.unpack(">I4s", blob[pos:pos + 8])
        chunk = blob[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat.append(chunk)
        elif kind == b"IEND":
            break
    if header is None:
        raise PngError("no IHDR chunk")
    width, height, depth, colour, _compression, _filter, interlace = header
    if depth != 8 or colour not in _CHANNELS or interlace:
        raise PngError(f"unsupported PNG (bit depth {depth}, colour type {colour}, interlace {interlace})")
    channels = _CHANNELS[colour]
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    if len(raw) < height * (stride + 1):
        raise PngError("truncated image data")
    out = bytearray(height * stride)
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind = raw[start]
        row = bytearray(raw[start + 1:start + 1 + stride])
        _unfilter(kind, row, previous, channels)
        out[y * stride:(y + 1) * stride] = row
        previous = row
    return Image(width, height, channels, bytes(out))


def _unfilter(kind: int, row: bytearray, prev: bytearray, bpp: int) -> None:
    n = len(row)
    if kind == 0:
        return
    if kind == 1:  # Sub
        for i in range(bpp, n):
            row[i] = (row[i] + row[i - bpp]) & 0xFF
    elif kind == 2:  # Up
        for i in range(n):
            row[i] = (row[i] + prev[i]) & 0xFF
    elif kind == 3:  # Average
        for i in range(n):
            left = row[i - bpp] if i >= bpp else 0
            row[i] = (row[i] + ((left + prev[i]) >> 1)) & 0xFF
    elif kind == 4:  # Paeth
        for i in range(n):
            a = row[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
    else:
        raise PngError(f"unknown PNG row filter {kind}")


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


_LINEAR = tuple(_linear(v) for v in range(256))


def luminance(r: float, g: float, b: float) -> float:
    """WCAG 2 relative luminance of an sRGB colour with 0-255 channels (fractional channels are rounded)."""
    return 0.2126 * _LINEAR[round(r)] + 0.7152 * _LINEAR[round(g)] + 0.0722 * _LINEAR[round(b)]


def contrast(l1: float, l2: float) -> float:
    high, low = (l1, l2) if l1 >= l2 else (l2, l1)
    return (high + 0.05) / (low + 0.05)


def best_contrast(image: Image, box: tuple[int, int, int, int], fg: tuple[float, float, float, float]) -> float | None:
    """The highest contrast that text of colour `fg` (r, g, b, alpha) reaches against any background pixel inside
    `box` (x0, y0, x1, y1, in image pixels; x1/y1 exclusive); None when the box holds no pixel."""
    x0, y0 = max(0, box[0]), max(0, box[1])
    x1, y1 = min(image.width, box[2]), min(image.height, box[3])
    if x0 >= x1 or y0 >= y1:
        return None
    r, g, b, alpha = fg
    data, width, channels = image.data, image.width, image.channels
    best = 0.0
    if alpha >= 0.999:  # opaque text: the darkest or the lightest pixel gives the highest contrast
        text = luminance(r, g, b)
        low, high = 2.0, -1.0
        for y in range(y0, y1):
            at = (y * width + x0) * channels
            for _ in range(x0, x1):
                lum = 0.2126 * _LINEAR[data[at]] + 0.7152 * _LINEAR[data[at + 1]] + 0.0722 * _LINEAR[data[at + 2]]
                low = lum if lum < low else low
                high = lum if lum > high else high
                at += channels
        return max(contrast(text, low), contrast(text, high))
    for y in range(y0, y1):  # translucent text: its colour depends on the pixel it is drawn over
        at = (y * width + x0) * channels
        for _ in range(x0, x1):
            br, bg, bb = data[at], data[at + 1], data[at + 2]
            shown = luminance(r * alpha + br * (1 - alpha), g * alpha + bg * (1 - alpha), b * alpha + bb * (1 - alpha))
            back = 0.2126 * _LINEAR[br] + 0.7152 * _LINEAR[bg] + 0.0722 * _LINEAR[bb]
            best = max(best, contrast(shown, back))
            at += channels
    return best
