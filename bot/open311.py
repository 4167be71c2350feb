"""Open311 GeoReport v2 (JSON) for the street's and the district's platforms.

GET  /open311/v2/services.json                 the case categories
GET  /open311/v2/requests.json                 cases (status, service_code, start_date, end_date, service_request_id)
GET  /open311/v2/requests/{id}.json            one case (a list of one, as the standard says)
POST /open311/v2/requests.json                 file a case; it enters the same loop as a resident's

Requests and cases hold residents' words and places, so every endpoint but
services.json needs an `api_key` from RESIDENT_BOT_OPEN311_API_KEYS.
Errors are a list of {code, description}.
"""

from __future__ import annotations

import hmac
import json
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import col, select
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.clock import local
from bot.models import Case, CaseEvent, Grid
from bot.request_body import read_body
from bot.services import cases
from bot.services.deadlines import CATEGORIES, rules_for
from bot.services.errors import DomainError
from bot.texts import Texts
from bot.services.cases.states import shown_state

MAX_RESULTS = 1000
DEFAULT_WINDOW = timedelta(days=90)
KEYWORDS = {
    "parking": "停车,占道,乱停",
    "noise": "噪音,扰民,装修",
    "sanitation": "垃圾,卫生,清运",
    "facilities": "路灯,井盖,电梯,设施",
    "safety": "隐患,危险,消防",
    "dispute": "纠纷,邻里",
    "property": "物业,维修",
    "other": "其他",
}


def _error(status: int, description: str) -> JSONResponse:
    return JSONResponse([{"code": status, "description": description}], status_code=status)


def _app(request: Request):  # noqa: ANN202 - bot.app.App
    return request.app.state.runtime.app


def _key_ok(request: Request, key: str | None) -> bool:
    keys = _app(request).settings.open311_keys
    return bool(key) and any(hmac.compare_digest(key, k) for k in keys)  # type: ignore[arg-type]


async def services(request: Request) -> Response:
    texts = Texts(_app(request).settings.language)
    return JSONResponse(
        [
            {
                "service_code": code,
                "service_name": texts.get(f"cases.categories.{code}"),
                "description": texts.get(f"cases.categories.{code}"),
                "metadata": False,
                "type": "realtime",
                "keywords": KEYWORDS.get(code, ""),
                "group": "诉求",
            }
            for code in CATEGORIES
        ]
    )


def _iso(when: datetime | None, timezone: str) -> str | None:
    return local(when, timezone).isoformat(timespec="seconds") if when else None


async def _as_request(uow, case: Case, texts: Texts, timezone: str) -> dict[str, Any]:  # noqa: ANN001
    last = (
        await uow.session.exec(
            select(CaseEvent).where(CaseEvent.case_id == case.id, col(CaseEvent.note).is_not(None)).order_by(col(CaseEvent.id).desc())
        )
    ).first()
    grid = await uow.session.get(Grid, case.grid_id) if case.grid_id else None
    agency = texts.get("cases.states.escalated") if case.state == "escalated" else (grid.name if grid else texts.get("cases.unrouted"))
    media = case.photo_ref if case.photo_ref and case.photo_ref.startswith(("http://", "https://")) else None
    return {
        "service_request_id": str(case.id),
        "status": "closed" if case.state in ("resolved", "closed") else "open",
        "status_notes": last.note if last and last.action in ("resolve", "ask_info", "escalate", "transfer") else None,
        "service_name": texts.get(f"cases.categories.{case.category}"),
        "service_code": case.category,
        "description": case.description,
        "agency_responsible": agency,
        "service_notice": texts.get(f"cases.states.{shown_state(case.state, case.first_resolved_at)}"),
        "requested_datetime": _iso(case.created_at, timezone),
        "updated_datetime": _iso(case.updated_at, timezone),
        "expected_datetime": _iso(case.due_at, timezone),
        "address": case.address,
        "address_id": None,
        "zipcode": None,
        "lat": case.lat,
        "long": case.lon,
        "media_url": media,
    }


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        raise ValueError("a time zone is required")
    return parsed


async def list_requests(request: Request) -> Response:
    if not _key_ok(request, request.query_params.get("api_key")):
        return _error(403, "api_key is missing or not valid")
    app = _app(request)
    params = request.query_params
    try:
        start, end = _parse_time(params.get("start_date")), _parse_time(params.get("end_date"))
    except ValueError:
        return _error(400, "start_date and end_date must be ISO 8601 with a time zone, e.g. 2026-03-01T00:00:00+08:00")
    statuses = {s.strip() for s in params.get("status", "").split(",") if s.strip()}
    if statuses - {"open", "closed"}:
        return _error(400, "status must be open and/or closed")
    codes = {c.strip() for c in params.get("service_code", "").split(",") if c.strip()}
    if codes - set(CATEGORIES):
        return _error(400, f"unknown service_code; see services.json ({', '.join(CATEGORIES)})")
    ids = [i.strip() for i in params.get("service_request_id", "").split(",") if i.strip()]
    if any(not i.isdigit() for i in ids):
        return _error(400, "service_request_id must be numbers")
    async with app.db.uow() as uow:
        query = select(Case).order_by(col(Case.created_at).desc(), col(Case.id).desc()).limit(MAX_RESULTS)
        if ids:
            query = query.where(col(Case.id).in_([int(i) for i in ids]))
        else:
            if start is None and end is None:
                start = uow.clock.now() - DEFAULT_WINDOW
            if start is not None:
                query = query.where(Case.created_at >= start)
            if end is not None:
                query = query.where(Case.created_at <= end)
            if codes:
                query = query.where(col(Case.category).in_(codes))
            if statuses == {"open"}:
                query = query.where(col(Case.state).in_(cases.OPEN_STATES))
            elif statuses == {"closed"}:
                query = query.where(col(Case.state).in_(("resolved", "closed")))
        texts = Texts(app.settings.language)
        found = [await _as_request(uow, c, texts, app.settings.timezone) for c in (await uow.session.exec(query)).all()]
    return JSONResponse(found)


async def one_request(request: Request) -> Response:
    if not _key_ok(request, request.query_params.get("api_key")):
        return _error(403, "api_key is missing or not valid")
    raw = request.path_params["request_id"]
    if not raw.isdigit():
        return _error(404, f"no service request {raw}")
    app = _app(request)
    async with app.db.uow() as uow:
        case = await uow.session.get(Case, int(raw))
        if case is None:
            return _error(404, f"no service request {raw}")
        return JSONResponse([await _as_request(uow, case, Texts(app.settings.language), app.settings.timezone)])


MAX_BODY = 64 * 1024


async def create_request(request: Request) -> Response:
    content_type = request.headers.get("content-type", "")
    raw_body = await read_body(request, MAX_BODY)
    if raw_body is None:
        return _error(413, "the body is over 64 KiB; send photos as media_url")
    try:
        if content_type.startswith("application/json"):
            body = json.loads(raw_body)
            if not isinstance(body, dict):
                raise ValueError
            form: dict[str, Any] = {k: v for k, v in body.items() if v is not None}
        else:  # GeoReport's form encoding; parsed here so no multipart library is needed
            from urllib.parse import parse_qsl

            form = dict(parse_qsl(raw_body.decode("utf-8"), keep_blank_values=True))
    except Exception:  # noqa: BLE001 - any unreadable body is the caller's error
        return _error(400, "the body must be application/x-www-form-urlencoded (UTF-8) or a JSON object")
    if not _key_ok(request, str(form.get("api_key") or "")):
        return _error(403, "api_key is missing or not valid")
    code = str(form.get("service_code") or "").strip()
    if not code:
        return _error(400, "service_code is required")
    if code not in CATEGORIES:
        return _error(404, f"service_code {code} not found; see services.json")
    description = str(form.get("description") or "").strip()
    if not description:
        return _error(400, "description is required")
    address = str(form.get("address_string") or form.get("address_id") or "").strip() or None
    try:
        lat = float(form["lat"]) if form.get("lat") not in (None, "") else None
        lon = float(form["long"]) if form.get("long") not in (None, "") else None
    except (TypeError, ValueError):
        return _error(400, "lat and long must be numbers")
    if (lat is None) != (lon is None) or (lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180)):  # type: ignore[operator]
        return _error(400, "lat and long must be given together, in WGS84 degrees")
    if lat is None and address is None:
        return _error(400, "a location is required: lat and long, address_string or address_id")
    name = " ".join(str(form.get(k) or "").strip() for k in ("last_name", "first_name")).strip()
    contact = " ".join(p for p in (name, str(form.get("phone") or "").strip(), str(form.get("email") or "").strip()) if p) or None
    media = str(form.get("media_url") or "").strip() or None
    app = _app(request)
    try:
        async with app.db.uow() as uow:
            case = await cases.file_case(
                uow,
                None,
                category=code,
                description=description,
                place=cases.Place(text=address, lat=lat, lon=lon),
                rules=rules_for(app.settings),
                photo_ref=media[:500] if media else None,
                source="open311",
                contact=contact,
            )
    except DomainError as err:
        return _error(400, Texts("en").get(err.key, **err.params))
    notice = Texts(app.settings.language).get("cases.states.submitted")
    return JSONResponse([{"service_request_id": str(case.id), "service_notice": notice, "account_id": None}])


def routes() -> list[Route]:
    return [
        Route("/open311/v2/services.json", services, methods=["GET"]),
        Route("/open311/v2/requests.json", list_requests, methods=["GET"]),
        Route("/open311/v2/requests.json", create_request, methods=["POST"]),
        Route("/open311/v2/requests/{request_id}.json", one_request, methods=["GET"]),
    ]

