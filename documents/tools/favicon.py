#!/usr/bin/env python3
"""Writes web-module/src/main/webapp/favicon.ico: the ticket of favicon.svg drawn at 32x32 as a PNG inside
an ICO, with the standard library only (browsers ask for /favicon.ico whatever the pages link).
Run from the repository root: python3 documents/tools/favicon.py"""
import struct
import zlib

SIZE = 32
SAMPLES = 4                       # 4x4 samples a pixel: smooth edges
ACCENT = (0x5b, 0x3c, 0xc4)
WHITE = (0xff, 0xff, 0xff)


def in_rounded_square(x, y, radius=7.0):
    cx = min(max(x, radius), SIZE - radius)
    cy = min(max(y, radius), SIZE - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2


def in_ticket(x, y):
    if not (6 <= x <= 26 and 10 <= y <= 22):
        return False
    notched = (x - 6) ** 2 + (y - 16) ** 2 < 4 or (x - 26) ** 2 + (y - 16) ** 2 < 4
    return not notched


def on_perforation(x, y):
    # the SVG's dashes: 2 on, 1.5 off from y=11 to 21, 1.5 wide around x=12
    return 11.25 <= x <= 12.75 and 11 <= y <= 21 and (y - 11) % 3.5 < 2


def colour(x, y):
    if not in_rounded_square(x, y):
        return None
    if in_ticket(x, y) and not on_perforation(x, y):
        return WHITE
    return ACCENT


def pixel(px, py):
    red = green = blue = covered = 0
    for sy in range(SAMPLES):
        for sx in range(SAMPLES):
            sample = colour(px + (sx + .5) / SAMPLES, py + (sy + .5) / SAMPLES)
            if sample:
                red, green, blue, covered = red + sample[0], green + sample[1], blue + sample[2], covered + 1
    if not covered:
        return bytes(4)
    return bytes((red // covered, green // covered, blue // covered, 255 * covered // SAMPLES ** 2))


def png():
    rows = b''.join(b'\0' + b''.join(pixel(x, y) for x in range(SIZE)) for y in range(SIZE))

    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))

    header = struct.pack('>IIBBBBB', SIZE, SIZE, 8, 6, 0, 0, 0)   # 8-bit RGBA
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', header) + chunk(b'IDAT', zlib.compress(rows, 9))
            + chunk(b'IEND', b''))


def ico(image):
    directory = struct.pack('<HHH', 0, 1, 1)                     # reserved, type 1 (icon), one image
    entry = struct.pack('<BBBBHHII', SIZE, SIZE, 0, 0, 1, 32, len(image), 6 + 16)
    return directory + entry + image


if __name__ == '__main__':
    with open('web-module/src/main/webapp/favicon.ico', 'wb') as out:
        out.write(ico(png()))
