"""Tests for tally_ingest.csv_ingest.

Run with ``pytest tests/test_csv_ingest.py -q``. Fixtures write small CSVs to
tmp_path so every test documents exactly the input it feeds the pipeline.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Iterable

import pytest

from tally_ingest.csv_ingest import (
    DIALECTS,
    Dialect,
    IngestReport,
    Transaction,
    ValidationError,
    ingest_file,
    main,
    normalize,
    parse_amount,
    parse_date,
    read_rows,
    write_rejects,
)

NORTHWIND = DIALECTS["northwind"]
ALPEN = DIALECTS["alpenbank"]


class FakeWriter:
    """In-memory LedgerWriter that remembers every batch it was given."""

    def __init__(self, existing: Iterable[str] = ()) -> None:
        self.existing = set(existing)
        self.batches: list[list[Transaction]] = []

    def existing_fingerprints(self, fingerprints: Iterable[str]) -> set[str]:
        return {fp for fp in fingerprints if fp in self.existing}

    def write_batch(self, account_id: str, txns: list[Transaction]) -> int:
        self.batches.append(list(txns))
        self.existing.update(t.fingerprint for t in txns)
        return len(txns)

    @property
    def written(self) -> list[Transaction]:
        return [t for b in self.batches for t in b]


def write_csv(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    p = tmp_path / name
    p.write_text(text.lstrip("\n"), encoding=encoding)
    return p


# ---------------------------------------------------------------- parsing ---


@pytest.mark.parametrize(
    ("raw", "decimal_comma", "expected"),
    [
        ("12.50", False, Decimal("12.50")),
        ("1,234.50", False, Decimal("1234.50")),
        ("-7", False, Decimal("-7")),
        ("(42.00)", False, Decimal("-42.00")),
        ("1.234,56", True, Decimal("1234.56")),
        ("0,99", True, Decimal("0.99")),
        ("\u00a01 000,00", True, Decimal("1000.00")),
    ],
)
def test_parse_amount(raw: str, decimal_comma: bool, expected: Decimal) -> None:
    assert parse_amount(raw, decimal_comma) == expected


@pytest.mark.parametrize("raw", ["", "   ", "abc", "1.2.3"])
def test_parse_amount_rejects_garbage(raw: str) -> None:
    with pytest.raises(ValidationError):
        parse_amount(raw, decimal_comma=False)


def test_parse_date_formats() -> None:
    assert parse_date("2024-03-01", "%Y-%m-%d") == date(2024, 3, 1)
    assert parse_date(" 01.03.2024 ", "%d.%m.%Y") == date(2024, 3, 1)
    with pytest.raises(ValidationError, match="expected %Y-%m-%d"):
        parse_date("03/01/2024", "%Y-%m-%d")


# ------------------------------------------------------------- read_rows ---


def test_read_rows_line_numbers_count_the_header(tmp_path: Path) -> None:
    p = write_csv(
        tmp_path,
        "nw.csv",
        """
Booking Date,Details,Amount,Ref
2024-03-01,Coffee,-3.50,A1
2024-03-02,Salary,2500.00,A2
""",
    )
    lines = [line for line, _ in read_rows(p, NORTHWIND)]
    assert lines == [2, 3]


def test_read_rows_skips_blank_lines_and_footers(tmp_path: Path) -> None:
    p = write_csv(
        tmp_path,
        "alpen.csv",
        """
Buchungstag;Verwendungszweck;Soll;Haben;Referenz
01.03.2024;Miete;1.200,00;;R1
;;;;
02.03.2024;Gehalt;;3.100,00;R2
Kontostand;;;;
""",
        encoding="latin-1",
    )
    rows = [row["Verwendungszweck"] for _, row in read_rows(p, ALPEN)]
    assert rows == ["Miete", "Gehalt"]


# ------------------------------------------------------------- normalize ---


def test_normalize_split_amount_signs() -> None:
    row = {"Buchungstag": "01.03.2024", "Verwendungszweck": "Miete", "Soll": "1.200,00", "Haben": "", "Referenz": "R1"}
    txn = normalize(2, row, ALPEN, "alpen.csv")
    assert txn.amount == Decimal("-1200.00")
    assert txn.booked_on == date(2024, 3, 1)


def test_normalize_rejects_both_sides() -> None:
    row = {"Buchungstag": "01.03.2024", "Verwendungszweck": "x", "Soll": "1,00", "Haben": "1,00", "Referenz": ""}
    with pytest.raises(ValidationError, match="both debit and credit"):
        normalize(2, row, ALPEN, "alpen.csv")


def test_normalize_missing_column() -> None:
    row = {"Booking Date": "2024-03-01", "Amount": "1.00", "Ref": ""}
    with pytest.raises(ValidationError, match="missing column 'Details'"):
        normalize(2, row, NORTHWIND, "nw.csv")


def test_fingerprint_ignores_description_case_and_padding() -> None:
    base = dict(booked_on=date(2024, 3, 1), amount=Decimal("1"), reference="r", source_file="a", source_line=2)
    a = Transaction(description="Coffee Shop", **base)
    b = Transaction(description="  coffee shop ", **base)
    assert a.fingerprint == b.fingerprint


# ----------------------------------------------------------- ingest_file ---


@pytest.fixture
def statement(tmp_path: Path) -> Path:
    return write_csv(
        tmp_path,
        "march.csv",
        """
Booking Date,Details,Amount,Ref
2024-03-01,Coffee,-3.50,A1
2024-03-02,Salary,2500.00,A2
2024-03-03,,-10.00,A3
2024-03-04,Rent,-900.00,A4
2024-03-04,Rent,-900.00,A4
""",
    )


def test_ingest_writes_valid_rows_and_rejects_the_rest(statement: Path) -> None:
    writer = FakeWriter()
    report = ingest_file(statement, NORTHWIND, "acct_1", writer)
    assert [t.description for t in writer.written] == ["Coffee", "Salary", "Rent"]
    assert report.rows == 5
    assert report.written == 3
    assert [(r.source_line, r.reason) for r in report.rejects] == [
        (4, "empty description"),
        (6, "duplicate row within file"),
    ]


def test_ingest_skips_rows_already_in_ledger(statement: Path) -> None:
    first = FakeWriter()
    ingest_file(statement, NORTHWIND, "acct_1", first)
    second = FakeWriter(existing=first.existing)
    report = ingest_file(statement, NORTHWIND, "acct_1", second)
    assert report.written == 0
    assert report.duplicates == 3


def test_ingest_respects_batch_size(tmp_path: Path) -> None:
    body = "\n".join(f"2024-03-{d:02d},Item {d},-{d}.00,R{d}" for d in range(1, 11))
    p = write_csv(tmp_path, "ten.csv", "Booking Date,Details,Amount,Ref\n" + body + "\n")
    writer = FakeWriter()
    ingest_file(p, NORTHWIND, "acct_1", writer, batch_size=4)
    assert [len(b) for b in writer.batches] == [4, 4, 2]


def test_write_rejects_creates_sidecar(statement: Path) -> None:
    report = ingest_file(statement, NORTHWIND, "acct_1", FakeWriter())
    out = write_rejects(statement, report.rejects)
    assert out is not None and out.name == "march.rejects.csv"
    header = out.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("line,reason,")


def test_write_rejects_nothing_to_write(statement: Path) -> None:
    assert write_rejects(statement, []) is None
    assert not statement.with_suffix(".rejects.csv").exists()


# ------------------------------------------------------------------ main ---


def test_main_dry_run_exit_code(statement: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tally_ingest.ledger as ledger

    monkeypatch.setattr(ledger, "DryRunWriter", FakeWriter)
    assert main(["--bank", "northwind", "--account", "acct_1", "--dry-run", str(statement)]) == 1


def test_many_files_do_not_leak_handles(tmp_path: Path, recwarn: pytest.WarningsRecorder) -> None:
    import gc

    for i in range(50):
        p = write_csv(tmp_path, f"s{i}.csv", "Booking Date,Details,Amount,Ref\n2024-03-01,X,1.00,R\n")
        ingest_file(p, NORTHWIND, "acct_1", FakeWriter())
    gc.collect()
    assert not [w for w in recwarn if issubclass(w.category, ResourceWarning)]


def test_dialects_are_consistent() -> None:
    for d in DIALECTS.values():
        assert isinstance(d, Dialect)
        assert "date" in d.columns and "description" in d.columns
        assert d.split_amount is not None or "amount" in d.columns


def test_report_accumulates_across_files(tmp_path: Path) -> None:
    report = IngestReport()
    for name in ("a.csv", "b.csv"):
        p = write_csv(tmp_path, name, f"Booking Date,Details,Amount,Ref\n2024-03-01,{name},1.00,R\n")
        ingest_file(p, NORTHWIND, "acct_1", FakeWriter(), report=report)
    assert (report.files, report.rows, report.written) == (2, 2, 2)
