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


def test_openapi_document_validates_against_the_openapi_3_0_schema(api_as, db):
    """schemathesis's copy of the official OpenAPI 3.0 JSON Schema (the one it checks documents with)."""
    from schemathesis.specs.openapi.definitions import OPENAPI_30_VALIDATOR

    spec = api_as().get("/api/v1/openapi.json").json
    assert spec["openapi"].startswith("3.0")
    problems = [f"{'/'.join(map(str, error.instance_path))}: {error.message}"
                for error in OPENAPI_30_VALIDATOR.iter_errors(spec)]
    assert problems == []
    # It could fail: a document missing its required info object is refused.
    assert not OPENAPI_30_VALIDATOR.is_valid({key: value for key, value in spec.items() if key != "info"})


def test_every_operation_says_what_it_does(api_as, db):
    spec = api_as().get("/api/v1/openapi.json").json
    operations = [(method, path, operation) for path, item in spec["paths"].items()
                  for method, operation in item.items() if method in {"get", "post", "put", "patch", "delete"}]
    assert len(operations) >= 40
    assert [f"{method.upper()} {path}" for method, path, operation in operations if not operation.get("summary")] == []
