"""The nbval sanitizers of tests/sanitize.cfg hide round-off and nothing more."""

import configparser
import re
from pathlib import Path

import pytest

CFG = configparser.ConfigParser()
CFG.read(Path(__file__).with_name("sanitize.cfg"), encoding="utf-8")


def sanitize(text: str) -> str:
    """Apply every section in file order, as nbval does."""
    for section in CFG.sections():
        text = re.sub(CFG[section]["regex"], CFG[section]["replace"], text)
    return text


@pytest.mark.parametrize(
    ("here", "there"),
    [
        ("q2ᵀq3 = -5.55e-17", "q2ᵀq3 = -7.63e-17"),
        ("error 4.8e-15 ≤ estimate 6.8e-14", "error 5.6e-15 ≤ estimate 7.6e-14"),
        ("error 0.0e+00", "error 2.9e-16"),
        ("loss 3.2e-15", "loss 0e+00"),
        ("x = 0.12345678", "x = 0.12345699"),
    ],
)
def test_round_off_reads_the_same_on_two_machines(here, there):
    assert sanitize(here) == sanitize(there)


@pytest.mark.parametrize(
    ("stored", "changed"),
    [
        ("error 2.3e-11", "error 4.1e-11"),  # 1e-12 and above are compared
        ("loss 4e-03", "loss 2e-03"),
        ("σ = 1.0e+00", "σ = 2.0e+00"),
        ("x = 0.123456", "x = 0.123457"),
        ("10 columns", "11 columns"),
    ],
)
def test_numbers_above_round_off_are_still_compared(stored, changed):
    assert sanitize(stored) != sanitize(changed)
