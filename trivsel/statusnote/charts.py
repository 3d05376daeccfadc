"""Charts as inline SVG, drawn on the server (never a raster image), accessible: ``role="img"``,
a ``<title>`` (WeasyPrint's PDF/UA tagging takes it as the figure's alternate text) and a
``<desc>`` that says the numbers in words."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .formatting import number

WIDTH = 640
BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 230
VALUE_WIDTH = 60
COLOUR = "#1f5a8c"  # the portal blue; contrast 7:1 on white


def bar_chart(chart_id: str, title: str, items: list[tuple[str, int | float]]) -> SafeString | None:
    """Horizontal bars, one per (label, value), largest scale = the largest value."""
    items = [(str(label), value) for label, value in items if value is not None]
    if not items:
        return None
    top = max(value for _, value in items) or 1
    height = len(items) * (BAR_HEIGHT + GAP) + GAP
    room = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    desc = "; ".join(f"{label}: {number(value)}" for label, value in items)
    rows = []
    for i, (label, value) in enumerate(items):
        y = GAP + i * (BAR_HEIGHT + GAP)
        width = max(1, round(room * value / top)) if value else 0
        rows.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT - 6}" text-anchor="end" '
            f'font-size="13">{escape(label)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width}" height="{BAR_HEIGHT}" '
            f'fill="{COLOUR}"></rect>'
            f'<text x="{LABEL_WIDTH + width + 6}" y="{y + BAR_HEIGHT - 6}" '
            f'font-size="13">{escape(number(value))}</text>'
        )
    return mark_safe(  # every text above is escaped
        f'<svg xmlns="http://www.w3.org/2000/svg" class="note-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" font-family="DejaVu Sans, sans-serif">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
        f"{''.join(rows)}</svg>"
    )
