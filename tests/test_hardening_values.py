"""Issue 19, items 9, 11 and 12: implausible dates and figures are refused at their file, line
and field, naming the limit, unless the record says why (`unusual_because`)."""

import json
import math

import pytest

from conftest import copy_seed_articles
from estimates.dataset import load
from estimates.export import to_json
from estimates.frame import to_frame
from estimates.limits import CEILINGS

QUOTE = ("The South Korean National Intelligence Service (NIS) stated in January that at least 300 North Korean "
         "soldiers sent to support Russia are believed to have been killed and 2,700 others injured, Yonhap News "
         "Agency reported.")


def record(value="310", announced="2025-01", as_of=None, quantity="killed", extra="") -> str:
    as_of_lines = f"    as_of:\n      value: '{as_of}'\n      how: printed\n      evidence: printed\n" if as_of else ""
    return (f"estimates:\n  - id: probe\n    quantity: {quantity}\n    scope: war\n    value: {value}\n"
            f"    qualifier: about\n    estimator: rok-nis\n    announced:\n      value: '{announced}'\n"
            f"      how: printed\n      evidence: printed\n{as_of_lines}{extra}"
            "    distinct_because: a probe of the limits, citing the seed's passage\n    reports:\n"
            f"      - document: 003_0be644783e89e01f\n        quote: {QUOTE}\n")


@pytest.fixture
def check(tmp_path):
    data, seeds = copy_seed_articles(tmp_path / "copy")

    def run(text: str):
        probe = data / "probe.yaml"
        probe.write_text(text)
        dataset = load(data_dir=data, seeds_dir=seeds)
        return dataset, [p for p in dataset.problems if p.file.endswith("probe.yaml")]
    return run


def test_the_probe_record_is_valid_as_written(check):
    dataset, problems = check(record())
    assert problems == [] and "probe" in {e.id for e in dataset.estimates}


def test_a_mistyped_year_is_refused_naming_the_earliest_date(check):
    dataset, [problem] = check(record(announced="0025-01-13"))
    assert problem.where()[1:] == (9, "probe.announced.value")
    assert problem.message == ("0025-01-13 is before 2024-01-01, the earliest date this tracker expects "
                               "(estimates/limits.py): check the year, or say why in `unusual_because`")
    assert "probe" not in {e.id for e in dataset.estimates}


def test_an_as_of_at_year_one_is_refused(check):
    _, [problem] = check(record(as_of="0001-01-01/2025-01-01"))
    assert problem.where()[1:] == (13, "probe.as_of.value") and "is before 2024-01-01" in problem.message


def test_a_stated_reason_lets_an_early_date_or_a_large_figure_through(check):
    reason = "    unusual_because: The source recalls the 2023 arms deal, before the deployment.\n"
    assert check(record(as_of="2023-09", extra=reason))[1] == []
    assert check(record(value="300000", quantity="deployed", extra=reason))[1] == []


@pytest.mark.parametrize("value, shown", [(".inf", "inf"), (".Inf", "inf"), (".nan", "nan"), (".NaN", "nan")])
def test_a_figure_that_is_not_finite_is_refused(check, value, shown):
    dataset, problems = check(record(value=value))
    assert [p.where()[1:] for p in problems] == [(5, "probe.value")]
    assert problems[0].message == f"must be a finite number (got {shown}): write the figure in digits, e.g. 10000"
    assert math.isfinite(max(e.value or 0 for e in dataset.estimates))


def test_an_infinite_figure_never_reaches_the_json_export(check):
    dataset, _ = check(record(value=".inf"))
    text = to_json(to_frame(dataset), data_version=dataset.version)
    assert "Infinity" not in text and "NaN" not in text
    json.loads(text)


@pytest.mark.parametrize("quantity, value", [("killed", "1e30"), ("deployed", "200001"), ("wounded", "100001")])
def test_a_figure_over_its_quantitys_ceiling_is_refused_naming_the_ceiling(check, quantity, value):
    dataset, [problem] = check(record(value=value, quantity=quantity))
    ceiling = CEILINGS[quantity]
    assert problem.where()[1:] == (5, "probe.value")
    assert problem.message == (f"{float(value):,g} is above the ceiling of {ceiling:,} for `{quantity}` "
                               "(estimates/limits.py): check the figure, or say why in `unusual_because`")
    assert "probe" not in {e.id for e in dataset.estimates}


def test_a_figure_at_its_ceiling_passes(check):
    assert check(record(value=str(CEILINGS["killed"])))[1] == []


def test_an_admitted_figure_over_its_ceiling_is_refused_at_its_own_line(check):
    text = ("admissions:\n  - id: probe-admission\n    actor: gerasimov\n    date:\n      value: 2025-04-26\n"
            "      how: printed\n      evidence: printed\n    kind: other\n    label: probe\n    figures:\n"
            "      - quantity: deployed\n        scope: war\n        value: 5000000\n        qualifier: exact\n"
            f"    reports:\n      - document: 003_0be644783e89e01f\n        quote: {QUOTE}\n")
    _, [problem] = check(text)
    assert problem.where()[1:] == (13, "probe-admission.figures.0.value")
    assert "5e+06 is above the ceiling of 200,000 for `deployed`" in problem.message


def test_every_quantity_has_a_ceiling():
    from typing import get_args

    from estimates.models import Quantity

    assert set(CEILINGS) == set(get_args(Quantity))
