#!/usr/bin/python3
"""Draws the workbench icon: a bank of alphas as a 4 x 4 heatmap on a dark tile, one column (a
forgotten class) switched off. Writes assets/icons/wfnet-workbench.svg and PNGs at 16-256 pixels
from the same geometry. Needs Debian's python3-pil (use /usr/bin/python3)."""
from pathlib import Path
from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "assets" / "icons"
SIZE = 256
TILE = "#263238"
# alpha of each cell, row by row; column 2 is the forgotten class
ALPHAS = [[0.95, 0.80, 0.05, 0.90],
          [0.70, 0.98, 0.10, 0.75],
          [0.88, 0.60, 0.02, 0.97],
          [0.78, 0.92, 0.08, 0.66]]


def colour(alpha):
    """A short viridis-like ramp: dark violet (filtered out) to yellow (kept)."""
    stops = [(0.0, (68, 1, 84)), (0.5, (33, 145, 140)), (1.0, (253, 231, 37))]
    for (a0, c0), (a1, c1) in zip(stops, stops[1:]):
        if alpha <= a1:
            t = (alpha - a0) / (a1 - a0)
            return tuple(round(x0 + t * (x1 - x0)) for x0, x1 in zip(c0, c1))
    return stops[-1][1]


def cells():
    margin, gap = 36, 10
    side = (SIZE - 2 * margin - 3 * gap) / 4
    for row in range(4):
        for col in range(4):
            x = margin + col * (side + gap)
            y = margin + row * (side + gap)
            yield x, y, side, colour(ALPHAS[row][col])


def svg():
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" viewBox="0 0 {SIZE} {SIZE}">',
             f'  <rect x="8" y="8" width="{SIZE - 16}" height="{SIZE - 16}" rx="40" fill="{TILE}"/>']
    for x, y, side, (r, g, b) in cells():
        parts.append(f'  <rect x="{x:.1f}" y="{y:.1f}" width="{side:.1f}" height="{side:.1f}" rx="8" '
                     f'fill="#{r:02x}{g:02x}{b:02x}"/>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def png(pixels):
    scale = 4  # draw large, then downsample: smooth edges without an SVG renderer
    image = Image.new("RGBA", (SIZE * scale, SIZE * scale), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle([8 * scale, 8 * scale, (SIZE - 8) * scale, (SIZE - 8) * scale], 40 * scale, fill=TILE)
    for x, y, side, fill in cells():
        draw.rounded_rectangle([x * scale, y * scale, (x + side) * scale, (y + side) * scale], 8 * scale, fill=fill)
    return image.resize((pixels, pixels), Image.LANCZOS)


OUT.mkdir(parents=True, exist_ok=True)
(OUT / "wfnet-workbench.svg").write_text(svg())
for pixels in (16, 32, 48, 64, 128, 256):
    png(pixels).save(OUT / f"wfnet-workbench-{pixels}.png", optimize=True)
