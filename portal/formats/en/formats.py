# English pages keep the Vietnamese conventions for dates and money: the documents are Vietnamese.
from portal.formats.vi.formats import *  # noqa: F403
