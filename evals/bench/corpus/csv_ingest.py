"""Ingest bank statement CSV exports into the tally ledger.

Banks send us wildly different CSVs. Each bank gets a ``Dialect`` describing
its delimiter, date format, decimal style and column names; the pipeline is:

    read rows -> normalize -> validate -> dedupe -> write batch

Run it with ``python -m tally_ingest.csv_ingest --bank northwind statements/*.csv``.
Rows that fail validation go to a rejects file next to the input, with the
reason and the 1-based line number in the source file, so ops can fix and
re-upload them.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import logging
import sys
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Iterable, Iterator, Protocol

log = logging.getLogger("tally_ingest.csv")


@dataclass(frozen=True)
class Dialect:
    name: str
    delimiter: str = ","
    date_format: str = "%Y-%m-%d"
    decimal_comma: bool = False  # "1.234,56" instead of "1,234.56"
    encoding: str = "utf-8-sig"
    # Source column name for each canonical field.
    columns: dict[str, str] = field(default_factory=dict)
    # Some banks put debits and credits in separate columns.
    split_amount: tuple[str, str] | None = None
    skip_footer_prefixes: tuple[str, ...] = ()


DIALECTS: dict[str, Dialect] = {
    "northwind": Dialect(
        name="northwind",
        columns={"date": "Booking Date", "description": "Details", "amount": "Amount", "reference": "Ref"},
    ),
    "alpenbank": Dialect(
        name="alpenbank",
        delimiter=";",
        date_format="%d.%m.%Y",
        decimal_comma=True,
        encoding="latin-1",
        columns={"date": "Buchungstag", "description": "Verwendungszweck", "reference": "Referenz"},
        split_amount=("Soll", "Haben"),
        skip_footer_prefixes=("Kontostand", "Summe"),
    ),
}


@dataclass(frozen=True)
class Transaction:
    booked_on: date
    description: str
    amount: Decimal  # positive = money in
    reference: str
    source_file: str
    source_line: int

    @property
    def fingerprint(self) -> str:
        """Stable id used for dedupe across re-uploads of overlapping statements."""
        h = hashlib.sha256()
        for part in (self.booked_on.isoformat(), self.description.strip().lower(), str(self.amount), self.reference):
            h.update(part.encode())
            h.update(b"\x1f")
        return h.hexdigest()[:32]


@dataclass
class Reject:
    source_file: str
    source_line: int
    reason: str
    raw: dict[str, str]


class ValidationError(ValueError):
    pass


class LedgerWriter(Protocol):
    def existing_fingerprints(self, fingerprints: Iterable[str]) -> set[str]: ...

    def write_batch(self, account_id: str, txns: list[Transaction]) -> int: ...


def parse_amount(raw: str, decimal_comma: bool) -> Decimal:
    s = raw.strip().replace("\u00a0", "").replace(" ", "")
    if not s:
        raise ValidationError("empty amount")
    negative = s.startswith("(") and s.endswith(")")  # accounting style
    s = s.strip("()")
    if decimal_comma:
        s = s.replace(".", "").replace(",", ".")
    else:
        s = s.replace(",", "")
    try:
        value = Decimal(s)
    except InvalidOperation:
        raise ValidationError(f"bad amount {raw!r}") from None
    return -value if negative else value


def parse_date(raw: str, fmt: str) -> date:
    try:
        return datetime.strptime(raw.strip(), fmt).date()
    except ValueError:
        raise ValidationError(f"bad date {raw!r}, expected {fmt}") from None


def read_rows(path: Path, dialect: Dialect) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line_number, row) pairs. Line numbers are 1-based and count the header."""
    f = open(path, newline="", encoding=dialect.encoding)
    reader = csv.DictReader(f, delimiter=dialect.delimiter)
    for i, row in enumerate(reader):
        first = next(iter(row.values()), "") or ""
        if any(first.startswith(p) for p in dialect.skip_footer_prefixes):
            continue
        if not any((v or "").strip() for v in row.values()):
            continue  # blank line
        yield i + 1, row


def normalize(line: int, row: dict[str, str], dialect: Dialect, source: str) -> Transaction:
    cols = dialect.columns

    def col(key: str) -> str:
        name = cols.get(key)
        if name is None:
            return ""
        if name not in row:
            raise ValidationError(f"missing column {name!r}")
        return (row[name] or "").strip()

    if dialect.split_amount:
        debit_col, credit_col = dialect.split_amount
        debit = row.get(debit_col, "").strip()
        credit = row.get(credit_col, "").strip()
        if debit and credit:
            raise ValidationError("both debit and credit set")
        if not debit and not credit:
            raise ValidationError("neither debit nor credit set")
        amount = -parse_amount(debit, dialect.decimal_comma) if debit else parse_amount(credit, dialect.decimal_comma)
    else:
        amount = parse_amount(col("amount"), dialect.decimal_comma)

    description = col("description")
    if not description:
        raise ValidationError("empty description")
    return Transaction(
        booked_on=parse_date(col("date"), dialect.date_format),
        description=description[:500],
        amount=amount,
        reference=col("reference"),
        source_file=source,
        source_line=line,
    )


@dataclass
class IngestReport:
    files: int = 0
    rows: int = 0
    written: int = 0
    duplicates: int = 0
    rejects: list[Reject] = field(default_factory=list)


def ingest_file(
    path: Path,
    dialect: Dialect,
    account_id: str,
    writer: LedgerWriter,
    batch_size: int = 500,
    report: IngestReport | None = None,
) -> IngestReport:
    report = report or IngestReport()
    report.files += 1
    batch: list[Transaction] = []
    seen_in_file: set[str] = set()

    def flush() -> None:
        if not batch:
            return
        existing = writer.existing_fingerprints(t.fingerprint for t in batch)
        fresh = [t for t in batch if t.fingerprint not in existing]
        report.duplicates += len(batch) - len(fresh)
        report.written += writer.write_batch(account_id, fresh)
        batch.clear()

    for line, row in read_rows(path, dialect):
        report.rows += 1
        try:
            txn = normalize(line, row, dialect, path.name)
        except ValidationError as e:
            report.rejects.append(Reject(path.name, line, str(e), row))
            continue
        if txn.fingerprint in seen_in_file:
            # Same statement listing a row twice is a bank bug, not a re-upload.
            report.rejects.append(Reject(path.name, line, "duplicate row within file", row))
            continue
        seen_in_file.add(txn.fingerprint)
        batch.append(txn)
        if len(batch) > batch_size:
            flush()
    flush()
    return report


def write_rejects(path: Path, rejects: list[Reject]) -> Path | None:
    if not rejects:
        return None
    out = path.with_suffix(".rejects.csv")
    fieldnames = ["line", "reason", *sorted({k for r in rejects for k in r.raw})]
    with out.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=fieldnames, extrasaction="ignore")
        w.writeheader()
        for r in rejects:
            w.writerow({"line": r.source_line, "reason": r.reason, **r.raw})
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--bank", required=True, choices=sorted(DIALECTS))
    p.add_argument("--account", required=True, help="ledger account id")
    p.add_argument("--batch-size", type=int, default=500)
    p.add_argument("--dry-run", action="store_true", help="validate only, write nothing")
    p.add_argument("files", nargs="+", type=Path)
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")

    from tally_ingest.ledger import DryRunWriter, PostgresLedgerWriter  # heavy import, keep lazy

    writer: LedgerWriter = DryRunWriter() if args.dry_run else PostgresLedgerWriter.from_env()
    dialect = DIALECTS[args.bank]
    report = IngestReport()
    for path in args.files:
        before = len(report.rejects)
        ingest_file(path, dialect, args.account, writer, args.batch_size, report)
        out = write_rejects(path, report.rejects[before:])
        if out:
            log.warning("%s: %d rejected rows written to %s", path.name, len(report.rejects) - before, out)

    log.info(
        "files=%d rows=%d written=%d duplicates=%d rejected=%d",
        report.files, report.rows, report.written, report.duplicates, len(report.rejects),
    )
    return 1 if report.rejects else 0


if __name__ == "__main__":
    sys.exit(main())
