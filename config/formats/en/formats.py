"""English date formats, as Django's own, except that a date and time names its time zone.

Editors schedule and review in ``TIME_ZONE`` (an environment setting); a time printed without
its zone was read as the wrong one. "T" is the zone's abbreviation ("UTC", "GMT", "BST").
"""

DATETIME_FORMAT = "N j, Y, P T"
SHORT_DATETIME_FORMAT = "m/d/Y P T"
