import base64
import json

# JSON has no bytes: they travel as {"__bytes__": base64}.


def _encode(value):
    if isinstance(value, bytes):
        return {"__bytes__": base64.b64encode(value).decode("ascii")}
    raise TypeError(f"cannot serialize {type(value).__name__}")


def _decode(obj):
    if set(obj) == {"__bytes__"}:
        return base64.b64decode(obj["__bytes__"])
    return obj


def dumps(data) -> str:
    return json.dumps(data, default=_encode, sort_keys=True)


def loads(text: str):
    return json.loads(text, object_hook=_decode)
