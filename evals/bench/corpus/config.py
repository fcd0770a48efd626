"""Typed configuration for the ingest service.

Configuration comes from three layers, later ones winning:

1. defaults declared on the dataclasses below
2. a TOML file (``--config`` or ``TALLY_CONFIG``, default ``/etc/tally/ingest.toml``)
3. environment variables: ``TALLY__SECTION__FIELD`` (double underscores), e.g.
   ``TALLY__DATABASE__POOL_SIZE=20`` or ``TALLY__WORKER__DRY_RUN=false``

Everything is validated once at startup; the rest of the code receives a frozen
``Config`` and never reads os.environ directly.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

ENV_PREFIX = "TALLY__"
DEFAULT_PATH = Path("/etc/tally/ingest.toml")


class ConfigError(ValueError):
    """Raised with a message that names the offending key, e.g. ``database.pool_size``."""


@dataclass(frozen=True)
class DatabaseConfig:
    url: str = "postgresql://tally@localhost:5432/tally"
    pool_size: int = 5
    statement_timeout_ms: int = 30_000
    ssl: bool = False

    def validate(self) -> None:
        if not self.url.startswith(("postgresql://", "postgres://")):
            raise ConfigError("database.url must be a postgresql:// URL")
        if not 1 <= self.pool_size <= 100:
            raise ConfigError("database.pool_size must be between 1 and 100")


@dataclass(frozen=True)
class WorkerConfig:
    concurrency: int = 4
    batch_size: int = 500
    poll_interval_s: float = 2.0
    dry_run: bool = False
    banks: tuple[str, ...] = ("northwind", "alpenbank")

    def validate(self) -> None:
        if self.concurrency < 1:
            raise ConfigError("worker.concurrency must be >= 1")
        if not 1 <= self.batch_size <= 10_000:
            raise ConfigError("worker.batch_size must be between 1 and 10000")


@dataclass(frozen=True)
class HttpConfig:
    host: str = "0.0.0.0"
    port: int = 8080
    max_upload_mb: int = 20
    upload_dir: Path = Path("/var/lib/tally/uploads")
    trusted_proxies: tuple[str, ...] = ()

    def validate(self) -> None:
        if not 0 < self.port < 65536:
            raise ConfigError("http.port must be a valid TCP port")


@dataclass(frozen=True)
class LoggingConfig:
    level: str = "INFO"
    json: bool = True

    def validate(self) -> None:
        if self.level.upper() not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise ConfigError(f"logging.level {self.level!r} is not a log level")


@dataclass(frozen=True)
class Config:
    database: DatabaseConfig = field(default_factory=DatabaseConfig)
    worker: WorkerConfig = field(default_factory=WorkerConfig)
    http: HttpConfig = field(default_factory=HttpConfig)
    logging: LoggingConfig = field(default_factory=LoggingConfig)
    environment: str = "development"

    def validate(self) -> None:
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if dataclasses.is_dataclass(value):
                value.validate()
        if self.environment == "production" and self.worker.dry_run:
            raise ConfigError("worker.dry_run must be false in production")

    def redacted(self) -> dict[str, Any]:
        """A dict safe to log: passwords in URLs are masked."""
        d = dataclasses.asdict(self)
        url = d["database"]["url"]
        if "@" in url and ":" in url.split("@", 1)[0].split("//", 1)[-1]:
            scheme, rest = url.split("//", 1)
            creds, host = rest.split("@", 1)
            user = creds.split(":", 1)[0]
            d["database"]["url"] = f"{scheme}//{user}:***@{host}"
        return d


# ------------------------------------------------------------ coercion ---


def _coerce(value: Any, tp: Any, key: str) -> Any:
    """Convert a TOML or env value to the annotated type ``tp``."""
    origin = typing.get_origin(tp)

    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if value is None:
            return None
        return _coerce(value, args[0], key)

    if origin is tuple:
        (item_tp, _ellipsis) = typing.get_args(tp)
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, (list, tuple)):
            raise ConfigError(f"{key}: expected a list, got {type(value).__name__}")
        return tuple(_coerce(v, item_tp, key) for v in value)

    if tp is bool:
        if isinstance(value, bool):
            return value
        return bool(value)

    if tp in (int, float):
        if isinstance(value, bool):
            raise ConfigError(f"{key}: expected {tp.__name__}, got a boolean")
        try:
            return tp(value)
        except (TypeError, ValueError):
            raise ConfigError(f"{key}: expected {tp.__name__}, got {value!r}") from None

    if tp is Path:
        return Path(value).expanduser()

    if tp is str:
        if not isinstance(value, str):
            raise ConfigError(f"{key}: expected a string, got {type(value).__name__}")
        return value

    raise ConfigError(f"{key}: unsupported type {tp!r}")


def _build(cls: type, data: Mapping[str, Any], prefix: str) -> Any:
    hints = typing.get_type_hints(cls)
    kwargs: dict[str, Any] = {}
    known = {f.name for f in dataclasses.fields(cls)}
    unknown = set(data) - known
    if unknown:
        raise ConfigError(f"unknown key(s) in {prefix or 'top level'}: {', '.join(sorted(unknown))}")
    for f in dataclasses.fields(cls):
        if f.name not in data:
            continue
        key = f"{prefix}.{f.name}" if prefix else f.name
        tp = hints[f.name]
        if dataclasses.is_dataclass(tp):
            if not isinstance(data[f.name], Mapping):
                raise ConfigError(f"{key}: expected a table")
            kwargs[f.name] = _build(tp, data[f.name], key)
        else:
            kwargs[f.name] = _coerce(data[f.name], tp, key)
    return cls(**kwargs)


def _env_overrides(environ: Mapping[str, str]) -> dict[str, Any]:
    """Turn TALLY__A__B=v into {"a": {"b": "v"}}."""
    out: dict[str, Any] = {}
    for name, value in environ.items():
        if not name.startswith(ENV_PREFIX):
            continue
        parts = [p.lower() for p in name[len(ENV_PREFIX) :].split("__") if p]
        if not parts:
            continue
        node = out
        for p in parts[:-1]:
            node = node.setdefault(p, {})
            if not isinstance(node, dict):
                raise ConfigError(f"{name}: conflicts with another variable")
        node[parts[-1]] = value
    return out


def _merge(base: dict[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in override.items():
        if isinstance(v, Mapping) and isinstance(out.get(k), Mapping):
            out[k] = _merge(out[k], v)
        else:
            out[k] = v
    return out


def load(path: Path | None = None, environ: Mapping[str, str] | None = None) -> Config:
    """Load, merge and validate configuration. Raises ConfigError on any problem."""
    environ = os.environ if environ is None else environ
    if path is None:
        path = Path(environ["TALLY_CONFIG"]) if "TALLY_CONFIG" in environ else DEFAULT_PATH
        required = "TALLY_CONFIG" in environ
    else:
        required = True

    data: dict[str, Any] = {}
    if path.exists():
        with path.open("rb") as f:
            try:
                data = tomllib.load(f)
            except tomllib.TOMLDecodeError as e:
                raise ConfigError(f"{path}: {e}") from None
    elif required:
        raise ConfigError(f"config file {path} does not exist")

    data = _merge(data, _env_overrides(environ))
    cfg = _build(Config, data, "")
    cfg.validate()
    return cfg


if __name__ == "__main__":
    import json
    import sys

    try:
        print(json.dumps(load().redacted(), indent=2, default=str))
    except ConfigError as e:
        print(f"config error: {e}", file=sys.stderr)
        sys.exit(2)
