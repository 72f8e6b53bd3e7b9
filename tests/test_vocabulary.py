"""The vocabulary of the books: accounts, metadata, links, and the worked
examples of docs/ledger-conventions.md, which must load as written."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from beancount import loader
from beancount.core import data

from ledger import accounts, metadata
from ledger.config import parse_config

DOC = Path(__file__).resolve().parents[1] / "docs" / "ledger-conventions.md"


def test_account_roots_and_leaves():
    assert accounts.under("Expenses:Grants:SBGF", accounts.GRANTS)
    assert accounts.under(accounts.GRANTS, accounts.GRANTS)
    assert not accounts.under("Expenses:GrantsOther", accounts.GRANTS)
    assert accounts.leaf("Expenses:Covid:PPE:Masks", accounts.COVID_PRESSURES) == "PPE"
    assert accounts.leaf("Expenses:Services:ICT", accounts.GRANTS) is None


def test_link_ids_are_found_by_prefix():
    links = frozenset({"claim-SFC-P1", "award-SBGF-0001"})
    assert metadata.link_id(links, metadata.AWARD_LINK) == "SBGF-0001"
    assert metadata.link_id(links, metadata.CLAIM_LINK) == "SFC-P1"
    assert metadata.link_id(links, metadata.CONTRACT_LINK) is None
    assert metadata.link_id(None, metadata.AWARD_LINK) is None


def test_bank_fingerprint_is_salted_and_hides_the_number():
    one = metadata.bank_fingerprint("12-34-56", "12345678", "salt-a")
    assert one == metadata.bank_fingerprint("123456", "1234 5678", "salt-a")
    assert one != metadata.bank_fingerprint("12-34-56", "12345678", "salt-b")
    assert "12345678" not in one and len(one) == 16


def _doc_examples() -> str:
    blocks = re.findall(r"```beancount\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 5, "a worked example per stream, at least"
    return "\n".join(blocks)


def test_worked_examples_load_without_errors():
    text = 'plugin "beancount.plugins.auto_accounts"\n' + _doc_examples()
    entries, errors, _ = loader.load_string(text)
    assert errors == []
    config, config_errors = parse_config(entries)
    assert config_errors == []
    assert config.schemes["RHLGF"].amounts.expected(Decimal("18500")) == Decimal("25000")
    assert config.contracts["CON-0003"].value == Decimal("480000.00")
    assert config.area.own == ("DM1", "DM2", "DM3", "DM4")
    assert config.income_lines["Parking"].budget == Decimal("2000000.00")
    assert config.measures["LOC-EMP"].proxy == Decimal("28000.00")
    assert [d.quantity for d in config.deliveries] == [Decimal(3)]
    txns = [e for e in entries if isinstance(e, data.Transaction)]
    assert all(e.meta["lineno"] for e in txns)


def test_every_metadata_key_is_documented():
    text = DOC.read_text(encoding="utf-8")
    keys = [v for k, v in vars(metadata).items()
            if k.isupper() and isinstance(v, str) and not v.endswith("-")]
    missing = [k for k in keys if f"`{k}`" not in text]
    assert missing == []
