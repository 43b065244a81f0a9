"""The OpenAPI document is generated from the schemas, and a page lists it without any CDN."""

from __future__ import annotations

from bs4 import BeautifulSoup


def test_openapi_document_describes_the_case_resources(api_as, db):
    response = api_as().get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.json
    assert spec["openapi"].startswith("3.")
    assert {"post", "get"} <= set(spec["paths"]["/api/v1/cases"])
    assert {"get", "patch"} <= set(spec["paths"]["/api/v1/cases/{case_id}"])
    case_in = spec["components"]["schemas"]["CaseIn"]
    assert {"crime_reference", "offence", "domestic_abuse", "hate_crime", "reported_on", "offence_date", "area",
            "officer", "victims"} <= set(case_in["properties"])
    assert case_in["additionalProperties"] is False
    assert spec["components"]["securitySchemes"]["bearer"] == {"type": "http", "scheme": "bearer"}


def test_docs_page_lists_every_operation_with_local_assets_only(api_as, db):
    response = api_as().get("/api/v1/docs")
    assert response.status_code == 200
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    text = page.get_text(" ")
    assert "/api/v1/cases/{case_id}" in text and "PATCH" in text and "CaseIn" in text
    sources = [tag.get("src") or tag.get("href") for tag in page.find_all(["script", "link"])]
    assert all(source.startswith("/") for source in sources if source)
