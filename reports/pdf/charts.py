"""Charts as inline SVG, drawn here in Python so they stay vector in the PDF
and need no plotting library, no raster and no fetch."""

from __future__ import annotations

from decimal import Decimal

from markupsafe import Markup, escape

from reports.models.tables import Bar
from reports.pdf.formatting import money

# WeasyPrint's SVG renderer ignores the page's CSS: style the text here.
FONT = 'font-family="DejaVu Sans" font-size="11" fill="#1d1d1d"'
COLOURS = ("#1b5e7a", "#4f9bb8", "#9cc9da", "#b9b9b9", "#e0a040", "#7a4f9b")


def bar_chart(bars: list[Bar], title: str, width: int = 620) -> Markup:
    """Horizontal bars, one per item, labelled with the £ value and share."""
    row, label_width, value_width = 24, 130, 190
    total = sum((b.value for b in bars), Decimal(0))
    biggest = max((b.value for b in bars), default=Decimal(0))
    plot = width - label_width - value_width
    height = row * len(bars) + (30 if title else 8)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
             f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
             f'<title>{escape(title)}</title>',
             (f'<text x="0" y="14" {FONT} font-weight="bold">{escape(title)}</text>'
              if title else "")]
    for i, bar in enumerate(bars):
        y = (24 if title else 2) + i * row
        length = float(bar.value / biggest * plot) if biggest > 0 and bar.value > 0 else 0.0
        portion = f" ({bar.value / total * 100:.1f}%)" if total else ""
        parts += [
            f'<text x="0" y="{y + 15}" {FONT}>{escape(bar.label)}</text>',
            f'<rect x="{label_width}" y="{y + 3}" width="{length:.1f}" height="{row - 8}" '
            f'fill="{COLOURS[i % len(COLOURS)]}"/>',
            f'<text x="{label_width + length + 6:.1f}" y="{y + 15}" {FONT}>'
            f'{escape(money(bar.value) + portion)}</text>',
        ]
    parts.append("</svg>")
    return Markup("".join(parts))
