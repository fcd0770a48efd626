import operator

from .version import Version, parse

_OPS = {">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt, "=": operator.eq}


def _caret_upper(v: Version) -> Version:
    return Version(v.major + 1, 0, 0)


def _expand(token: str) -> list:
    if token.startswith("~"):
        v = parse(token[1:])
        return [(operator.ge, v), (operator.lt, Version(v.major, v.minor + 1, 0))]
    if token.startswith("^"):
        v = parse(token[1:])
        return [(operator.ge, v), (operator.lt, _caret_upper(v))]
    for symbol in (">=", "<=", ">", "<", "="):
        if token.startswith(symbol):
            return [(_OPS[symbol], parse(token[len(symbol):]))]
    return [(operator.eq, parse(token))]


def satisfies(version, range_text: str) -> bool:
    v = parse(version) if isinstance(version, str) else version
    return all(op(v, bound) for token in range_text.split() for op, bound in _expand(token))
