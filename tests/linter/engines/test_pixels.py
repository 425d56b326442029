"""The PNG reader and WCAG colour arithmetic behind the contrast check (BRW006), on images made here."""
from __future__ import annotations

import struct
import zlib

import pytest

from kasauti.linter.engines.pixels import Image, PngError, best_contrast, contrast, decode_png, luminance


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def encode_png(width: int, height: int, pixels: bytes, channels: int, filters: list[int]) -> bytes:
    """A PNG of 8-bit RGB(A) rows, each row written with the given filter type (0-4), as encoders do."""
    stride = width * channels
    out = bytearray()
    prev = bytes(stride)
    for y in range(height):
        row = pixels[y * stride:(y + 1) * stride]
        kind = filters[y % len(filters)]
        filtered = bytearray()
        for i, value in enumerate(row):
            a = row[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            predictor = (0, a, b, (a + b) >> 1, _paeth(a, b, c))[kind]
            filtered.append((value - predictor) & 0xFF)
        out += bytes([kind]) + filtered
        prev = row

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 6 if channels == 4 else 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(out))) + \
        chunk(b"IEND", b"")


@pytest.mark.parametrize("channels", [3, 4])
def test_decode_png_undoes_every_row_filter(channels):
    width, height = 7, 10
    pixels = bytes((x * 37 + y * 11 + c * 53) % 256 for y in range(height) for x in range(width)
                   for c in range(channels))
    image = decode_png(encode_png(width, height, pixels, channels, [0, 1, 2, 3, 4]))
    assert (image.width, image.height, image.channels) == (width, height, channels)
    assert image.data == pixels
    assert image.rgb(3, 2) == tuple(pixels[(2 * width + 3) * channels:(2 * width + 3) * channels + 3])


def test_decode_png_rejects_what_it_cannot_read():
    with pytest.raises(PngError):
        decode_png(b"GIF89a")
    png = encode_png(1, 1, b"\x00\x00\x00", 3, [0])
    with pytest.raises(PngError, match="unsupported"):
        decode_png(png.replace(b"\x08\x02\x00\x00\x00", b"\x10\x02\x00\x00\x00", 1))


def test_wcag_contrast_values():
    assert contrast(luminance(0, 0, 0), luminance(255, 255, 255)) == pytest.approx(21.0)
    assert contrast(luminance(0x77, 0x77, 0x77), luminance(255, 255, 255)) == pytest.approx(4.48, abs=0.01)
    assert contrast(luminance(0x76, 0x76, 0x76), luminance(255, 255, 255)) == pytest.approx(4.54, abs=0.01)


def test_best_contrast_takes_the_most_favourable_pixel():
    # left half white, right half blue; grey text (#aaa)
    row = bytes([255, 255, 255] * 4 + [0, 0, 255] * 4)
    image = Image(8, 2, 3, row * 2)
    grey = (170, 170, 170, 1.0)
    on_white = best_contrast(image, (0, 0, 4, 2), grey)
    on_blue = best_contrast(image, (4, 0, 8, 2), grey)
    both = best_contrast(image, (0, 0, 8, 2), grey)
    assert on_white == pytest.approx(2.32, abs=0.01) and on_blue == pytest.approx(3.70, abs=0.01)
    assert both == max(on_white, on_blue)
    assert best_contrast(image, (9, 0, 12, 2), grey) is None
    # translucent text is blended with each pixel first
    half = best_contrast(image, (0, 0, 4, 2), (0, 0, 0, 0.5))
    assert half == pytest.approx(contrast(luminance(127.5, 127.5, 127.5), 1.0), abs=0.01)
