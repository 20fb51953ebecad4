"""Build data/places/admin1_codes.tsv: the ISO 3166-2 codes of first-order divisions ("UP" for
Uttar Pradesh, "KP" for Khyber Pakhtunkhwa), which reports write after a town as its province
("Pratapgarh (UP)"). Source: pycountry's copy of the iso-codes tables (LGPL), read at build time
only. Columns: country ISO code, division code (without the country prefix), division name, kind.

    python scripts/build_admin1_codes.py src/conflictscope/data/places/admin1_codes.tsv
"""
from __future__ import annotations

import sys
from pathlib import Path

import pycountry


def main(out: Path) -> None:
    rows = []
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:
            continue   # first-order divisions only
        cc, _, code = sub.code.partition("-")
        if code.isalpha() and 2 <= len(code) <= 3:
            rows.append((cc, code, sub.name, sub.type))
    rows.sort()
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("country\tcode\tname\tkind\n")
        for row in rows:
            fh.write("\t".join(row) + "\n")
    print(f"{len(rows)} division codes written to {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "src/conflictscope/data/places/admin1_codes.tsv"))
