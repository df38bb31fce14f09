"""English is the portal's second language: every Vietnamese msgid has an English text that gettext
will use (a fuzzy entry is ignored by compilemessages, so it counts as missing)."""

import ast
import re

from django.conf import settings

PO_FILE = settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _entries(text):
    """(flags, msgid, msgstrs) per entry of a .po file, obsolete entries (#~) left out."""
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        flags, parts, current = set(), {}, None
        for line in lines:
            if line.startswith("#,"):
                flags.update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith(("msgid", "msgstr", "msgctxt")):
                current, _space, literal = line.partition(" ")
                parts[current] = ast.literal_eval(literal)
            elif line.startswith('"') and current:
                parts[current] += ast.literal_eval(line)
        if parts.get("msgid"):
            strings = [value for key, value in parts.items() if key.startswith("msgstr")]
            yield flags, parts["msgid"], strings


def test_every_message_has_an_english_text():
    missing = [
        msgid
        for flags, msgid, strings in _entries(PO_FILE.read_text(encoding="utf-8"))
        if "fuzzy" in flags or not strings or not all(strings)
    ]
    assert not missing, f"{len(missing)} messages without English, e.g. {missing[:5]}"


def test_placeholders_are_kept_in_english():
    placeholder = re.compile(r"%\(\w+\)[sd]")
    wrong = [
        msgid
        for _flags, msgid, strings in _entries(PO_FILE.read_text(encoding="utf-8"))
        if any(
            sorted(placeholder.findall(s)) != sorted(placeholder.findall(msgid)) for s in strings
        )
    ]
    assert not wrong, f"placeholders differ in {wrong[:5]}"
