import re

from django.conf import settings


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "PUBLISHER_NAME": settings.PUBLISHER_NAME,
        "URGENT_HELP": urgent_help(),
    }


def _tel(number: str) -> str:
    """A tel: link target: digits, with a leading + kept (spaces and dashes are for reading)."""
    digits = re.sub(r"\D", "", number)
    return ("+" + digits if number.lstrip().startswith("+") else digits) if digits else ""


def urgent_help():
    """Numbers and wording for the urgent-help card, from settings (empty means "local")."""
    return {
        "emergency_number": settings.URGENT_HELP_EMERGENCY_NUMBER,
        "emergency_tel": _tel(settings.URGENT_HELP_EMERGENCY_NUMBER),
        "crisis_line": settings.URGENT_HELP_CRISIS_LINE,
        "crisis_tel": _tel(settings.URGENT_HELP_CRISIS_LINE),
        "crisis_line_name": settings.URGENT_HELP_CRISIS_LINE_NAME,
        "extra": settings.URGENT_HELP_EXTRA,
        "common_numbers": common_numbers(settings.URGENT_HELP_COMMON_NUMBERS),
    }


def common_numbers(spec: str) -> list[dict]:
    """"Country: 911 emergency, 988 crisis line; ..." as countries, each with its numbers."""
    countries = []
    for part in spec.split(";"):
        country, _sep, entries = part.partition(":")
        numbers = []
        for entry in entries.split(","):
            number, _sep, label = entry.strip().partition(" ")
            if _tel(number):
                numbers.append({"number": number, "tel": _tel(number), "label": label.strip()})
        if country.strip() and numbers:
            countries.append({"country": country.strip(), "numbers": numbers})
    return countries
