"""Open311 GeoReport v2 on the web app: field names as the standard has them, keys, and the same loop."""

from __future__ import annotations

import httpx
import pytest

from bot.models import Role
from bot.web import create_web_app
from tests.asgi_server import serving
from tests.conftest import make_settings
from tests.helpers import bind
from tests.grid.util import file_complaint, resident

KEY = "street-platform-key"
SERVICE_FIELDS = {"service_code", "service_name", "description", "metadata", "type", "keywords", "group"}
REQUEST_FIELDS = {
    "service_request_id", "status", "status_notes", "service_name", "service_code", "description",
    "agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime",
    "address", "address_id", "zipcode", "lat", "long", "media_url",
}


@pytest.fixture
async def api(sqlite_url, clock):
    web = create_web_app(make_settings(sqlite_url, open311_api_keys=f"other, {KEY}"), clock=clock)
    async with serving(web) as base, httpx.AsyncClient(base_url=base + "/open311/v2", timeout=30) as client:
        client.app = web.state.runtime.app  # type: ignore[attr-defined]
        yield client


def _error_shape(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    [error] = response.json()
    assert set(error) == {"code", "description"} and error["code"] == status
    return error["description"]


async def test_services_list_the_categories(api):
    response = await api.get("/services.json")
    assert response.status_code == 200
    services = response.json()
    assert [s["service_code"] for s in services] == [
        "parking", "noise", "sanitation", "facilities", "safety", "dispute", "property", "other"
    ]
    assert all(set(s) == SERVICE_FIELDS and s["type"] == "realtime" and s["metadata"] is False for s in services)


async def test_a_case_filed_by_the_street_enters_the_loop_and_shows_its_status(api):
    app = api.app
    manager = await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-03")
    response = await api.post(
        "/requests.json",
        data={
            "api_key": KEY, "service_code": "facilities", "description": "烟厂家属院路灯不亮",
            "lat": "34.0361", "long": "113.8562", "first_name": "伟", "last_name": "张", "phone": "13700001234",
            "media_url": "https://example.org/lamp.jpg",
        },
    )
    assert response.status_code == 200, response.text
    [created] = response.json()
    assert set(created) == {"service_request_id", "service_notice", "account_id"}
    number = created["service_request_id"]
    [task] = await manager.pushes()
    assert f"新诉求 #{number}" in task and "张 伟 13700001234" in task

    [item] = (await api.get(f"/requests/{number}.json", params={"api_key": KEY})).json()
    assert set(item) == REQUEST_FIELDS
    assert item["status"] == "open" and item["service_code"] == "facilities" and item["lat"] == 34.0361
    assert item["agency_responsible"] == "第三网格（烟厂家属院）" and item["media_url"] == "https://example.org/lamp.jpg"
    assert item["requested_datetime"] == "2026-03-02T09:30:00+08:00" and item["expected_datetime"].startswith("2026-03-")

    await manager.press(f"case:accept:{number}")
    await manager.press(f"case:resolve:{number}")
    await manager.say("已更换灯泡")
    await manager.press("cs:skip")
    [item] = (await api.get(f"/requests/{number}.json", params={"api_key": KEY})).json()
    assert item["status"] == "closed" and item["status_notes"] == "已更换灯泡"


async def test_listing_filters_by_status_code_and_dates(api):
    app = api.app
    await bind(app, "wang", Role.grid_manager, grid_id="wenfeng-01")
    li = await resident(app, "li")
    parking = await file_complaint(li)
    noise = await file_complaint(li, category="noise", text="半夜装修")
    get = lambda **p: api.get("/requests.json", params={"api_key": KEY, **p})  # noqa: E731
    everything = (await get()).json()
    assert {r["service_request_id"] for r in everything} == {str(parking), str(noise)}
    assert all(set(r) == REQUEST_FIELDS for r in everything)
    assert [r["service_request_id"] for r in (await get(service_code="noise")).json()] == [str(noise)]
    assert (await get(status="closed")).json() == []
    assert len((await get(status="open")).json()) == 2
    assert (await get(start_date="2026-03-03T00:00:00+08:00")).json() == []
    assert len((await get(start_date="2026-03-01T00:00:00+08:00", end_date="2026-03-31T00:00:00+08:00")).json()) == 2
    assert [r["service_request_id"] for r in (await get(service_request_id=str(parking))).json()] == [str(parking)]
    assert "ISO 8601" in _error_shape(await get(start_date="yesterday"), 400)
    assert "status" in _error_shape(await get(status="pending"), 400)


async def test_wrong_keys_and_missing_fields_are_refused_and_nothing_is_filed(api):
    good = {"api_key": KEY, "service_code": "noise", "description": "广场舞太吵", "address_string": "文峰广场"}
    assert "api_key" in _error_shape(await api.post("/requests.json", data={**good, "api_key": "wrong"}), 403)
    assert "api_key" in _error_shape(await api.post("/requests.json", data={k: v for k, v in good.items() if k != "api_key"}), 403)
    assert "service_code" in _error_shape(await api.post("/requests.json", data={**good, "service_code": ""}), 400)
    assert "not found" in _error_shape(await api.post("/requests.json", data={**good, "service_code": "potholes"}), 404)
    assert "description" in _error_shape(await api.post("/requests.json", data={**good, "description": " "}), 400)
    no_place = {k: v for k, v in good.items() if k != "address_string"}
    assert "location" in _error_shape(await api.post("/requests.json", data=no_place), 400)
    assert "lat" in _error_shape(await api.post("/requests.json", data={**no_place, "lat": "north", "long": "1"}), 400)
    _error_shape(await api.get("/requests.json"), 403)
    _error_shape(await api.get("/requests/1.json", params={"api_key": "nope"}), 403)
    assert (await api.get("/requests.json", params={"api_key": KEY})).json() == []
    _error_shape(await api.get("/requests/99.json", params={"api_key": KEY}), 404)

    response = await api.post("/requests.json", json=good)  # JSON bodies are accepted too
    assert response.status_code == 200
    number = response.json()[0]["service_request_id"]
    [item] = (await api.get(f"/requests/{number}.json", params={"api_key": KEY})).json()
    assert item["agency_responsible"] == "待分派网格" and item["address"] == "文峰广场"
