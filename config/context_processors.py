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
    }
