"""The catalogue's result list built in Python: through the template a page of 20 rows cost more CPU
than the rest of the page (a variable lookup, an escape and a display translation per cell); the
markup is the same, every piece escaped by format_html."""

from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

from procedures.models import OnlineLevel
from procedures.models.catalogue import LEGACY_LEVEL

register = template.Library()

ROW = (
    '\n  <li class="procedure-item">\n'
    '    <h3><a href="{}{}/">{}</a></h3>\n'
    '    <p class="procedure-meta">\n'
    "      <span>{}: {}</span>\n"
    "      <span>{}: {}</span>\n"
    '      <span class="online-badge online-{}">{}</span>\n'
    "      <span>{}</span>\n"
    "    </p>\n"
    "  </li>"
)


@register.simple_tag
def result_list(versions):
    """``<ol class="procedure-list">`` of published versions (loaded with their procedure code,
    sector name and ``has_fee``, as ``selectors.CataloguePaginator`` gives them)."""
    # Labels translated once per list, not once per row.
    prefix = reverse("procedures:detail", args=["CODE"]).removesuffix("CODE/")
    code_label, sector_label = gettext("Mã"), gettext("Lĩnh vực")
    fee_labels = {True: gettext("Có phí, lệ phí"), False: gettext("Không thu phí")}
    badges = {
        value: f"{label} ({gettext('mức độ %(level)s') % {'level': LEGACY_LEVEL[value]}})"
        for value, label in OnlineLevel.choices
    }
    rows = format_html_join(
        "",
        ROW,
        (
            (
                prefix,
                quote(v.procedure.code, safe="/"),
                v.name,
                code_label,
                v.procedure.code,
                sector_label,
                v.sector.name,
                v.online_level,
                badges[v.online_level],
                fee_labels[bool(v.has_fee)],
            )
            for v in versions
        ),
    )
    return format_html('<ol class="procedure-list">{}\n</ol>', rows)
