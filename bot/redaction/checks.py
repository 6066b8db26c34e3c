"""Check digits of the numbers that identify a person, so that an order number that merely has
the same length stays in the text."""

from __future__ import annotations

import datetime as dt

# Lengths of IBANs by country (ISO 13616) for the countries mail here mostly comes from.
IBAN_LENGTHS = {
    "NL": 18, "BE": 16, "DE": 22, "FR": 27, "GB": 22, "LU": 20, "ES": 24, "IT": 27,
    "AT": 20, "CH": 21, "DK": 18, "PL": 28, "PT": 25, "IE": 22, "SE": 24, "NO": 15, "FI": 18,
    "TR": 26, "GR": 27, "CZ": 24, "HU": 28, "RO": 24, "BG": 22, "HR": 21, "SK": 24, "SI": 19,
    "LT": 20, "LV": 21, "EE": 20,
}  # fmt: skip


def bsn_valid(digits: str) -> bool:
    """The 11-proef: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11 (and not zero)."""
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    total -= int(digits[8])
    return total % 11 == 0


def iban_valid(compact: str) -> bool:
    """ISO 7064 mod 97-10 over the rearranged IBAN."""
    compact = compact.upper()
    if len(compact) < 15 or not compact[:2].isalpha() or not compact[2:4].isdigit():
        return False
    if not compact.isalnum() or not compact.isascii():
        return False
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(c, 36)) for c in rearranged)
    return int(number) % 97 == 1


def german_tax_id_valid(digits: str) -> bool:
    """Steuerliche Identifikationsnummer: 11 digits, no leading zero, in the first ten exactly
    one digit repeated (twice or three times), check digit by ISO 7064 MOD 11,10."""
    if len(digits) != 11 or not digits.isdigit() or digits[0] == "0":
        return False
    counts = [digits[:10].count(d) for d in set(digits[:10])]
    if sorted(c for c in counts if c > 1) not in ([2], [3]):
        return False
    product = 10
    for char in digits[:10]:
        total = (int(char) + product) % 10 or 10
        product = (total * 2) % 11
    check = (11 - product) % 10
    return check == int(digits[10])


def belgian_national_number_valid(digits: str) -> bool:
    """Rijksregisternummer: YYMMDD + 3-digit serial + 2-digit check (97 − n mod 97), with a
    leading 2 for people born from 2000."""
    if len(digits) != 11 or not digits.isdigit():
        return False
    body, check = int(digits[:9]), int(digits[9:])
    return 97 - body % 97 == check or 97 - int("2" + digits[:9]) % 97 == check


def looks_like_date(digits: str) -> bool:
    """``20260312`` or ``12032026``: a date written without separators."""
    if len(digits) != 8 or not digits.isdigit():
        return False
    for year, month, day in (
        (digits[:4], digits[4:6], digits[6:]),
        (digits[4:], digits[2:4], digits[:2]),
    ):
        try:
            dt.date(int(year), int(month), int(day))
        except ValueError:
            continue
        if 1900 <= int(year) <= 2100:
            return True
    return False


SERVICE_PREFIXES = ("0800", "0900", "0906", "0909")


def dutch_phone(national: str) -> bool:
    """A Dutch number in national form: ten digits starting with one zero. Free and paid
    service numbers (0800/090x) are the municipality's or a company's, not a person's."""
    if len(national) != 10 or national[0] != "0" or national[1] == "0":
        return False
    return not national.startswith(SERVICE_PREFIXES)
