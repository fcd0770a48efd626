import re
from dataclasses import dataclass, field
from functools import total_ordering

_PATTERN = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?"
    r"(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$"
)


def _identifiers(text):
    if not text:
        return ()
    return tuple(int(p) if p.isdigit() else p for p in text.split("."))


def _compare_identifier(a, b) -> int:
    # semver 11.4: numbers compare numerically and sort before strings; strings compare in ASCII order.
    if isinstance(a, int) and isinstance(b, int):
        return (a > b) - (a < b)
    if isinstance(a, int):
        return -1
    if isinstance(b, int):
        return 1
    return (a > b) - (a < b)


def _compare_prerelease(a: tuple, b: tuple) -> int:
    if a == b:
        return 0
    if not a:
        return 1
    if not b:
        return -1
    for x, y in zip(a, b):
        c = _compare_identifier(x, y)
        if c:
            return c
    return (len(a) > len(b)) - (len(a) < len(b))


@total_ordering
@dataclass(frozen=True)
class Version:
    major: int
    minor: int
    patch: int
    prerelease: tuple = ()
    build: tuple = field(default=(), compare=False)

    def _cmp(self, other: "Version") -> int:
        core = (self.major, self.minor, self.patch)
        other_core = (other.major, other.minor, other.patch)
        if core != other_core:
            return (core > other_core) - (core < other_core)
        return _compare_prerelease(self.prerelease, other.prerelease)

    def __eq__(self, other) -> bool:
        return isinstance(other, Version) and self._cmp(other) == 0

    def __lt__(self, other: "Version") -> bool:
        return self._cmp(other) < 0

    def __hash__(self) -> int:
        return hash((self.major, self.minor, self.patch, self.prerelease))

    def __str__(self) -> str:
        text = f"{self.major}.{self.minor}.{self.patch}"
        if self.prerelease:
            text += "-" + ".".join(map(str, self.prerelease))
        if self.build:
            text += "+" + ".".join(map(str, self.build))
        return text


def parse(text: str) -> Version:
    m = _PATTERN.match(text.strip())
    if not m:
        raise ValueError(f"not a semantic version: {text!r}")
    major, minor, patch, pre, build = m.groups()
    return Version(int(major), int(minor), int(patch), _identifiers(pre), tuple((build or "").split(".")) if build else ())
