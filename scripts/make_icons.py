"""Draw the site's icons: favicon.svg by hand, favicon.ico and the PNGs with Pillow.

Run after changing the design: `.venv/bin/python scripts/make_icons.py`. The mark is a white "b"
on the site's green, readable at 16 px.
"""

from pathlib import Path

from PIL import Image, ImageDraw

STATIC = Path(__file__).resolve().parent.parent / "static"
GREEN, WHITE = (0, 112, 60, 255), (255, 255, 255, 255)

SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
<rect width="64" height="64" rx="14" fill="#00703c"/>
<rect x="17" y="10" width="9" height="44" rx="2" fill="#fff"/>
<circle cx="34" cy="38" r="13" fill="none" stroke="#fff" stroke-width="9"/>
</svg>
"""


def draw(size: int, *, rounded: bool = True) -> Image.Image:
    """The mark at ``size`` px, drawn at 8x and scaled down for smooth edges."""
    big = size * 8
    scale = big / 64
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=14 * scale if rounded else 0,
                          fill=GREEN)
    pen.rounded_rectangle((17 * scale, 10 * scale, 26 * scale, 54 * scale), radius=2 * scale,
                          fill=WHITE)
    outer, inner = 17.5 * scale, 8.5 * scale
    cx, cy = 34 * scale, 38 * scale
    pen.ellipse((cx - outer, cy - outer, cx + outer, cy + outer), fill=WHITE)
    pen.ellipse((cx - inner, cy - inner, cx + inner, cy + inner), fill=GREEN)
    return image.resize((size, size), Image.LANCZOS)


def main():
    (STATIC / "icons").mkdir(exist_ok=True)
    (STATIC / "root").mkdir(exist_ok=True)
    (STATIC / "icons" / "favicon.svg").write_text(SVG)
    draw(48).save(STATIC / "root" / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    # iOS draws its own rounded corners and shows transparency as black: a full square.
    draw(180, rounded=False).convert("RGB").save(STATIC / "icons" / "apple-touch-icon.png")
    draw(192).save(STATIC / "icons" / "icon-192.png")
    draw(512).save(STATIC / "icons" / "icon-512.png")


if __name__ == "__main__":
    main()
