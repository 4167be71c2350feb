"""The text catalogue: every language has every key, and every key used in code exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

from bot.texts import LANGUAGES, catalogue

ROOT = Path(__file__).resolve().parents[1]


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_language_has_the_same_keys_and_placeholders():
    reference = catalogue("zh")
    for language in LANGUAGES:
        other = catalogue(language)
        assert set(other) == set(reference), (language, set(other) ^ set(reference))
        for key, template in reference.items():
            assert _fields(other[key]) == _fields(template), (language, key)


def test_every_text_key_used_in_the_code_exists():
    reference = catalogue("zh")
    pattern = re.compile(r"""(?:\bt|\.get|texts\.get|InvalidInput|NotFound|PermissionDenied|Conflict)\(\s*["']([a-z_]+\.[a-z_.]+)["']""")
    missing = set()
    for path in [*ROOT.glob("bot/**/*.py"), *ROOT.glob("handlers/**/*.py")]:
        for key in pattern.findall(path.read_text(encoding="utf-8")):
            if key not in reference:
                missing.add((path.name, key))
    assert not missing


def test_no_text_is_cut_short_by_a_yaml_comment():
    """In YAML ' #' starts a comment: an unquoted '（编号 #{id}）' silently drops the rest of the sentence."""
    import re
    from pathlib import Path

    plain = re.compile(r"^\s*[\w-]+: (?![\"'|>\[{])(.*)$")
    cut = []
    for path in sorted((Path(__file__).resolve().parents[1] / "bot" / "locales").glob("*/*.yaml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            match = plain.match(line)
            if match and re.search(r"\s#", match.group(1)):
                cut.append(f"{path.parent.name}/{path.name}:{number}: {line.strip()}")
    assert not cut, "quote these values:\n" + "\n".join(cut)
