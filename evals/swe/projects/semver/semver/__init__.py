from .ranges import satisfies
from .version import Version, parse

__all__ = ["Version", "parse", "satisfies"]
