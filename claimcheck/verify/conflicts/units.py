"""Unit words and their dimensions: what a number measures when a unit follows it."""

# unit word -> (dimension, factor to the dimension's base unit); suffix-only forms in _SUFFIX_UNITS. Which words are
# units in news is ours; every factor is checked against pint in tests/test_unit_factors.py
_Y = 365.25 * 86400
_UNITS = {
    "second": ("time", 1), "sec": ("time", 1), "minute": ("time", 60), "min": ("time", 60),
    "hour": ("time", 3600), "hr": ("time", 3600), "day": ("time", 86400), "week": ("time", 7 * 86400),
    "month": ("time", _Y / 12), "year": ("time", _Y), "yr": ("time", _Y), "decade": ("time", 10 * _Y),
    "century": ("time", 100 * _Y), "centuries": ("time", 100 * _Y),
    "millimetre": ("length", 1e-3), "millimeter": ("length", 1e-3), "centimetre": ("length", 1e-2),
    "centimeter": ("length", 1e-2), "metre": ("length", 1), "meter": ("length", 1), "kilometre": ("length", 1e3),
    "kilometer": ("length", 1e3), "km": ("length", 1e3), "mile": ("length", 1609.344),
    "foot": ("length", 0.3048), "feet": ("length", 0.3048), "ft": ("length", 0.3048),
    "inch": ("length", 0.0254), "inches": ("length", 0.0254), "yard": ("length", 0.9144),
    "gram": ("mass", 1e-3), "kilogram": ("mass", 1), "kg": ("mass", 1), "tonne": ("mass", 1e3),
    "ton": ("mass", 1e3), "ounce": ("mass", 0.02835),
    "percent": ("percent", 1), "%": ("percent", 1),
    "dollar": ("usd", 1), "euro": ("eur", 1), "sterling": ("gbp", 1), "yen": ("jpy", 1), "yuan": ("cny", 1),
    "renminbi": ("cny", 1), "rupee": ("inr", 1), "rouble": ("rub", 1), "ruble": ("rub", 1),
    "mph": ("speed", 0.44704), "kph": ("speed", 1 / 3.6), "knot": ("speed", 0.514444),
    "hectare": ("area", 1e4), "acre": ("area", 4046.86),
    "litre": ("volume", 1e-3), "liter": ("volume", 1e-3), "gallon": ("volume", 3.785e-3),
    "barrel": ("volume", 0.159),
    "celsius": ("temp_c", 1), "fahrenheit": ("temp_f", 1), "degree": ("degree", 1),
    "kw": ("power", 1e3), "mw": ("power", 1e6), "gw": ("power", 1e9),
    "kwh": ("energy", 1e3), "mwh": ("energy", 1e6), "gwh": ("energy", 1e9), "twh": ("energy", 1e12),
}
_SUFFIX_UNITS = {"mm": ("length", 1e-3), "cm": ("length", 1e-2), "m": ("length", 1), "g": ("mass", 1e-3),
                 "t": ("mass", 1e3), "c": ("temp_c", 1), "°c": ("temp_c", 1), "f": ("temp_f", 1),
                 "°f": ("temp_f", 1), "h": ("time", 3600), "s": ("time", 1), "kmh": ("speed", 1 / 3.6),
                 "km2": ("area", 1e6), "m2": ("area", 1)}
_UNIT_WORDS = frozenset(_UNITS) | {u + "s" for u in _UNITS} | {"cent", "mins", "hrs", "yrs", "secs", "knots"}
_CURRENCY_PREFIX = {"$": "usd", "us$": "usd", "€": "eur", "£": "gbp", "¥": "jpy"}
