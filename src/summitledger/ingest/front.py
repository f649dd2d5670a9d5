"""Front matter: the metadata block at the top of a text or Markdown article (``---``,
``outlet: ...``, ``title: ...``, ``date: ...``, ``---``), read by python-frontmatter."""

from __future__ import annotations

import re
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler


class _FrontMatter(YAMLHandler):
    """python-frontmatter's YAML front matter between lines of exactly ``---``, read
    with YAML's base loader: every value a string as written (a date stays '2023-09-14',
    never a date object turned back into another spelling)."""

    FM_BOUNDARY = re.compile(r"^---[ \t]*$", re.MULTILINE)

    def load(self, fm: str, **kwargs: object) -> Any:
        return yaml.load(fm, Loader=yaml.BaseLoader)


_FRONT_MATTER = _FrontMatter()


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """Front matter at the top of a file (``---``, YAML ``key: value`` lines, ``---``)
    and the rest. Keys are taken in lower case; values that are not strings (lists,
    mappings) are left out. A block that is not YAML (an unquoted title with a colon in
    it) is read as the README's simple form has always been: ``key: value`` a line, up
    to the first colon, quotes around the value dropped."""
    if not _FRONT_MATTER.detect(text):
        return {}, text
    try:
        block, rest = _FRONT_MATTER.split(text)
    except ValueError:  # no closing line: not front matter
        return {}, text
    try:
        loaded = _FRONT_MATTER.load(block)
    except yaml.YAMLError:
        loaded = {key: value.strip().strip("\"'") for key, colon, value in
                  (line.partition(":") for line in block.splitlines()) if colon}
    pairs = loaded.items() if isinstance(loaded, dict) else ()
    meta = {str(k).strip().lower(): v.strip() for k, v in pairs if isinstance(v, str)}
    return {k: v for k, v in meta.items() if k}, rest[1:] if rest.startswith("\n") else rest
