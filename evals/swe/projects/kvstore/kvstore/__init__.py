from .clock import FakeClock, SystemClock
from .lru import LRUCache
from .store import Store

__all__ = ["FakeClock", "LRUCache", "Store", "SystemClock"]
