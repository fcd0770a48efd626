"""HTTP handlers for the ingest service's upload API.

The ingest service runs behind the API gateway and only needs a handful of
endpoints, so it uses ``tally_ingest.web`` -- our ~300-line WSGI micro
framework with a Flask-like API (``App.route``, ``Request``, ``Response``,
``abort``). This module wires the routes:

    POST /uploads                    multipart upload of one statement CSV
    GET  /uploads/<upload_id>        status of an upload (queued/running/done/failed)
    GET  /uploads/<upload_id>/rejects   the rejects CSV, if any
    GET  /healthz

Uploads are written to UPLOAD_DIR and a job is queued for the worker, which
runs csv_ingest.ingest_file on it.
"""

from __future__ import annotations

import json
import logging
import os
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable

from tally_ingest.csv_ingest import DIALECTS
from tally_ingest.jobs import JobQueue, JobStatus
from tally_ingest.web import App, HTTPError, Request, Response, abort

log = logging.getLogger("tally_ingest.http")

UPLOAD_DIR = Path(os.environ.get("UPLOAD_DIR", "/var/lib/tally/uploads"))
MAX_UPLOAD_BYTES = int(os.environ.get("MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))
ALLOWED_SUFFIXES = {".csv", ".txt"}

app = App(__name__)
queue = JobQueue.from_env()


@dataclass
class UploadRecord:
    id: str
    tenant_id: str
    account_id: str
    bank: str
    filename: str
    size: int
    status: str
    created_at: float
    rows: int | None = None
    written: int | None = None
    rejected: int | None = None
    error: str | None = None


# ---------------------------------------------------------------- helpers ---


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    body = json.dumps(data, default=str, separators=(",", ":"))
    return Response(body, status=status, content_type="application/json", headers=headers or {})


def require_tenant(req: Request) -> str:
    """The gateway authenticates the caller and forwards the tenant id."""
    tenant = req.headers.get("X-Tally-Tenant")
    if not tenant:
        abort(401, "missing X-Tally-Tenant header")
    return tenant


def route_with_timing(path: str, methods: list[str]) -> Callable:
    """Like app.route, but logs method, path, status and duration."""

    def decorator(fn: Callable[..., Response]) -> Callable[..., Response]:
        def wrapped(req: Request, **kwargs: Any) -> Response:
            start = time.perf_counter()
            status = 500
            try:
                resp = fn(req, **kwargs)
                status = resp.status
                return resp
            except HTTPError as e:
                status = e.status
                raise
            finally:
                ms = (time.perf_counter() - start) * 1000
                log.info("%s %s -> %d in %.1fms", req.method, req.path, status, ms)

        wrapped.__name__ = fn.__name__
        return app.route(path, methods=methods)(wrapped)

    return decorator


def upload_path(upload_id: str, filename: str) -> Path:
    return UPLOAD_DIR / upload_id / filename


# ----------------------------------------------------------------- routes ---


@route_with_timing("/healthz", methods=["GET"])
def healthz(req: Request) -> Response:
    return json_response({"ok": True, "queue_depth": queue.depth()})


@route_with_timing("/uploads", methods=["POST"])
def create_upload(req: Request) -> Response:
    tenant = require_tenant(req)
    form = req.form  # parsed multipart fields (str values)
    files = req.files  # name -> FileStorage(filename, content_type, stream)

    bank = form.get("bank", "")
    if bank not in DIALECTS:
        abort(422, f"unknown bank {bank!r}; expected one of {', '.join(sorted(DIALECTS))}")
    account_id = form.get("account_id", "").strip()
    if not account_id:
        abort(422, "account_id is required")

    upload = files.get("file")
    if upload is None or not upload.filename:
        abort(422, "a 'file' part is required")
    suffix = Path(upload.filename).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        abort(415, f"unsupported file type {suffix!r}")

    upload_id = uuid.uuid4().hex
    dest = upload_path(upload_id, upload.filename)
    dest.parent.mkdir(parents=True, exist_ok=True)

    size = 0
    out = open(dest, "wb")
    while True:
        chunk = upload.stream.read(64 * 1024)
        if not chunk:
            break
        size += len(chunk)
        if size > MAX_UPLOAD_BYTES:
            dest.unlink(missing_ok=True)
            abort(413, f"file larger than {MAX_UPLOAD_BYTES} bytes")
        out.write(chunk)
    out.close()

    record = UploadRecord(
        id=upload_id,
        tenant_id=tenant,
        account_id=account_id,
        bank=bank,
        filename=upload.filename,
        size=size,
        status=JobStatus.QUEUED.value,
        created_at=time.time(),
    )
    queue.enqueue("ingest", asdict(record))
    log.info("upload %s queued (%d bytes, bank=%s)", upload_id, size, bank)
    return json_response(asdict(record), status=202, headers={"Location": f"/uploads/{upload_id}"})


def load_record(tenant: str, upload_id: str) -> UploadRecord:
    try:
        uuid.UUID(hex=upload_id)
    except ValueError:
        abort(404, "no such upload")
    job = queue.get(upload_id)
    if job is None or job.payload.get("tenant_id") != tenant:
        # Same answer for "missing" and "someone else's" on purpose.
        abort(404, "no such upload")
    record = UploadRecord(**job.payload)
    record.status = job.status.value
    if job.result:
        record.rows = job.result.get("rows")
        record.written = job.result.get("written")
        record.rejected = job.result.get("rejected")
    record.error = job.error
    return record


@route_with_timing("/uploads/<upload_id>", methods=["GET"])
def get_upload(req: Request, upload_id: str) -> Response:
    tenant = require_tenant(req)
    return json_response(asdict(load_record(tenant, upload_id)))


@route_with_timing("/uploads/<upload_id>/rejects", methods=["GET"])
def get_rejects(req: Request, upload_id: str) -> Response:
    tenant = require_tenant(req)
    record = load_record(tenant, upload_id)
    if record.status != JobStatus.DONE.value:
        abort(409, f"upload is {record.status}; rejects are available once it is done")
    path = upload_path(upload_id, record.filename).with_suffix(".rejects.csv")
    if not path.exists():
        return Response("", status=204)
    data = path.read_bytes()
    return Response(
        data,
        status=200,
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{path.name}"'},
    )


@route_with_timing("/uploads/<upload_id>", methods=["DELETE"])
def cancel_upload(req: Request, upload_id: str) -> Response:
    tenant = require_tenant(req)
    record = load_record(tenant, upload_id)
    if record.status not in (JobStatus.QUEUED.value,):
        abort(409, f"cannot cancel an upload that is {record.status}")
    queue.cancel(upload_id)
    return Response("", status=204)


# --------------------------------------------------------- error handlers ---


@app.errorhandler(HTTPError)
def handle_http_error(err: HTTPError) -> Response:
    return json_response({"error": {"status": err.status, "message": err.message}})


@app.errorhandler(Exception)
def handle_unexpected(err: Exception) -> Response:
    log.exception("unhandled error")
    return json_response({"error": {"status": 500, "message": "internal error"}}, status=500)


@app.errorhandler(json.JSONDecodeError)
def handle_bad_json(err: json.JSONDecodeError) -> Response:
    return json_response({"error": {"status": 400, "message": f"malformed JSON: {err.msg}"}}, status=400)


# WSGI entry point: gunicorn 'tally_ingest.handler:wsgi'
wsgi = app.wsgi_app
