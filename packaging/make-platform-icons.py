#!/usr/bin/env python3
"""Packs PNG renderings of resources/icons/mailtopo.svg into the Windows .ico and the macOS
.icns the installers use (both formats may hold PNG data as is). Run it after rendering
icon-16/32/48/64/128/256/512.png from the SVG with any renderer, e.g.
    for s in 16 32 48 64 128 256 512; do rsvg-convert -w $s -h $s mailtopo.svg > icon-$s.png; done
    packaging/make-platform-icons.py DIR
"""
import struct
import sys
from pathlib import Path


def ico(pngs):
    # ICONDIR, then one ICONDIRENTRY per image (0 in width/height means 256), then the data.
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = 6 + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, data in pngs:
        dim = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
        blobs += data
    return header + entries + blobs


def icns(pngs):
    types = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09"}
    body = b"".join(types[s] + struct.pack(">I", 8 + len(d)) + d for s, d in pngs if s in types)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main():
    source = Path(sys.argv[1])
    root = Path(__file__).resolve().parent
    pngs = {s: (source / f"icon-{s}.png").read_bytes() for s in (16, 32, 48, 64, 128, 256, 512)}
    (root / "windows" / "mailtopo.ico").write_bytes(ico([(s, pngs[s]) for s in (16, 32, 48, 256)]))
    (root / "macos" / "mailtopo.icns").write_bytes(
        icns([(s, pngs[s]) for s in (16, 32, 64, 128, 256, 512)]))


if __name__ == "__main__":
    main()
