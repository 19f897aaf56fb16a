"""The conflict rules' unit factors (verify/conflicts/text.py) agree with pint, the units library.

The table stays ours: pint's registry costs ~0.6 s to import on every check, and it reads any word it knows as a
unit ("bar", "are", "line"), so which words count as units in news is a list we keep. What each factor is worth
is pint's, checked here, but for the news conventions listed in NEWS_CONVENTIONS."""
import pytest

from claimcheck.verify.conflicts.units import _SUFFIX_UNITS, _UNITS

pint = pytest.importorskip("pint", reason="pint is a dev dependency (pip install -e '.[dev]')")

# our word -> the pint unit it means in news copy, where pint's own reading of the word differs
NEWS_CONVENTIONS = {
    "ton": "metric_ton",  # pint: short ton (907 kg); news "ton" of cargo or emissions is the metric tonne
    "barrel": "oil_barrel",  # pint: US dry barrel; news barrels are oil barrels (159 litres)
    "decade": "10 * year",  # pint: a logarithmic ratio
    "sterling": None, "dollar": None, "euro": None, "yen": None, "yuan": None, "renminbi": None, "rupee": None,
    "rouble": None, "ruble": None,  # currencies: not physical units
    "percent": None, "%": None, "degree": None,  # no conversion
    "celsius": None, "fahrenheit": None, "c": None, "°c": None, "f": None, "°f": None,  # offset scales, never converted
}
# each dimension's base unit in the table (energy in watt-hours, as news reports it)
BASE = {"time": "second", "length": "metre", "mass": "kilogram", "speed": "metre / second", "area": "metre ** 2",
        "volume": "metre ** 3", "power": "watt", "energy": "watt_hour"}
PINT_NAMES = {"kw": "kW", "mw": "MW", "gw": "GW", "kwh": "kWh", "mwh": "MWh", "gwh": "GWh", "twh": "TWh",
              "kmh": "km / hour", "km2": "km ** 2", "m2": "m ** 2", "s": "second", "t": "metric_ton",
              "kph": "km / hour", "centuries": "century", "sec": "second", "min": "minute", "hr": "hour",
              "yr": "year", "inches": "inch", "feet": "foot"}

UNITS = sorted({**_UNITS, **_SUFFIX_UNITS}.items())


@pytest.fixture(scope="module")
def ureg():
    return pint.UnitRegistry()


@pytest.mark.parametrize("word,entry", UNITS, ids=[w for w, _ in UNITS])
def test_each_unit_factor_is_what_pint_says(ureg, word, entry):
    dim, factor = entry
    name = NEWS_CONVENTIONS.get(word, PINT_NAMES.get(word, word))
    if name is None or dim not in BASE:
        return
    expected = ureg.parse_expression(name).to(BASE[dim]).magnitude
    assert factor == pytest.approx(expected, rel=2e-3), (word, factor, expected)
