import json

from . import serialize
from .clock import SystemClock


class Store:
    def __init__(self, clock=None) -> None:
        self.clock = clock or SystemClock()
        self._values: dict = {}
        self._expires: dict = {}

    def _live(self, key) -> bool:
        expires = self._expires.get(key)
        if expires is not None and self.clock.now() >= expires:
            self._values.pop(key, None)
            self._expires.pop(key, None)
        return key in self._values

    def set(self, key, value, ttl=None) -> None:
        self._values[key] = value
        if ttl is None:
            self._expires.pop(key, None)
        else:
            self._expires[key] = self.clock.now() + ttl

    def get(self, key, default=None):
        return self._values[key] if self._live(key) else default

    def delete(self, key) -> bool:
        existed = self._live(key)
        self._values.pop(key, None)
        self._expires.pop(key, None)
        return existed

    def keys(self) -> list:
        return sorted(k for k in list(self._values) if self._live(k))

    def namespace(self, prefix: str) -> "Namespace":
        return Namespace(self, prefix)

    def snapshot(self) -> str:
        now = self.clock.now()
        live = {k: self._values[k] for k in self.keys()}
        ttls = {k: self._expires[k] - now for k in live if k in self._expires}
        return serialize.dumps({"values": live, "ttls": ttls})

    @classmethod
    def restore(cls, text: str, clock=None) -> "Store":
        data = json.loads(text)
        store = cls(clock)
        for key, value in data["values"].items():
            store.set(key, value, data["ttls"].get(key))
        return store


class Namespace:
    """A view of a store whose keys are kept as `prefix:key`."""

    def __init__(self, store: Store, prefix: str) -> None:
        self.store = store
        self.prefix = prefix + ":"

    def set(self, key, value, ttl=None) -> None:
        self.store.set(self.prefix + key, value, ttl)

    def get(self, key, default=None):
        return self.store.get(self.prefix + key, default)

    def delete(self, key) -> bool:
        return self.store.delete(self.prefix + key)

    def keys(self) -> list:
        return [k[len(self.prefix):] for k in self.store.keys() if k.startswith(self.prefix)]
