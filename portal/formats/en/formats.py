# English pages keep the Vietnamese dd/mm/yyyy dates; only the number separators differ.
from portal.formats.vi.formats import *  # noqa: F401,F403

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
