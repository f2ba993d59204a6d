"""The decimal places of an amount in a currency (ISO 4217 minor units), as the harness's probes and the reference
market both need them: a probe amount a currency cannot state is rightly refused (forty-fourth reading, bx2)."""

from __future__ import annotations

#: ISO 4217 list one's minor units other than 2 (SIX Financial Information, the standard's maintenance agency:
#: list-one.xml, ``CcyMnrUnts``); the codes listed "N.A." (precious metals, bond market units, SDR, the testing and
#: no-currency codes) as 0, amounts in whole units. A code not listed has 2.
MINOR_UNITS = {**dict.fromkeys(("BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI",
                                "VND", "VUV", "XAF", "XOF", "XPF", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XDR",
                                "XPD", "XPT", "XSU", "XTS", "XUA", "XXX"), 0),
               **dict.fromkeys(("BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"), 3), "CLF": 4, "UYW": 4}


def minor_unit(code: str, token_decimals: object = None) -> int:
    """An ISO 4217 currency's minor unit; else (a token, whose code is no ISO 4217 code) the decimals it declares,
    2 where it declares none."""
    if code in MINOR_UNITS:
        return MINOR_UNITS[code]
    if isinstance(token_decimals, int) and not isinstance(token_decimals, bool) and 0 <= token_decimals <= 18:
        return token_decimals
    return 2
