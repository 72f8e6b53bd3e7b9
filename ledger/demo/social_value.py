"""Stream 3, social value: the measures contracts commit to, quarterly
deliveries against them, and two planted measure faults."""

from __future__ import annotations

from decimal import Decimal

from ledger.demo.books import DemoBooks

COMMITMENTS = {
    "CON-0001": (("LOC-EMP", 6), ("APPR", 104), ("CO2-SAVED", 120)),
    "CON-0002": (("LOC-EMP", 3), ("VOL-HRS", 200)),
    "CON-0003": (("VOL-HRS", 600), ("DON-LOCAL", 15000)),
    "CON-0011": (("LOC-EMP", 2), ("APPR", 52)),
    "CON-0012": (("LOC-EMP", 4), ("CO2-SAVED", 80)),
}


def write_social_value(books: DemoBooks) -> None:
    w = books.open("social-value.beancount", "Social value committed and delivered")
    rng = books.rng
    for contract, measures in COMMITMENTS.items():
        for measure, quantity in measures:
            w.entry(f'2019-04-01 custom "cwl-commitment" "{contract}"\n'
                    f'  measure: "{measure}"\n  quantity: {quantity}\n')
        for quarter_end in ("2020-06-30", "2020-09-30", "2020-12-31", "2021-03-31"):
            for measure, quantity in measures:
                share = Decimal(rng.randint(15, 30)) / 100
                delivered = (Decimal(quantity) * share).quantize(Decimal("0.1"))
                w.entry(f'{quarter_end} custom "cwl-delivery" "{contract}"\n'
                        f'  measure: "{measure}"\n  quantity: {delivered}\n')
    line = w.entry('2021-03-31 custom "cwl-delivery" "CON-0011"\n'
                   '  measure: "LOC-EMPL"\n  quantity: 1\n')
    books.plant(w, line, "sv.unknown-measure", "measure code LOC-EMPL is not declared")
    line = w.entry('2021-03-31 custom "cwl-delivery" "CON-0012"\n'
                   '  measure: "LOC-EMP"\n  quantity: 40\n  unit: "hours"\n')
    books.plant(w, line, "sv.unit", "LOC-EMP is counted in FTE, not hours")

