"""PDF rendering with WeasyPrint, fetching only the app's own static files (never the network)."""

from __future__ import annotations

import base64
from pathlib import Path
from urllib.parse import unquote_to_bytes, urlparse
from urllib.request import url2pathname

from flask import current_app
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse


class StaticFilesOnly(URLFetcher):
    """Serves files from the app's static folder, and data: addresses (content inside the document itself);
    refuses every other address."""

    def __init__(self, static_folder: str):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        self.static = Path(static_folder).resolve()

    def fetch(self, url, headers=None):
        parsed = urlparse(url)
        if parsed.scheme == "data":  # inside the document itself (the report's charts): nothing is fetched
            meta, _, payload = url[len("data:"):].partition(",")
            kind, *options = meta.split(";")
            body = base64.b64decode(payload) if "base64" in options else unquote_to_bytes(payload)
            return URLFetcherResponse(url, body=body, headers={"Content-Type": kind or "text/plain"})
        if parsed.scheme != "file":
            raise ValueError(f"PDF rendering may only use the app's static files, not {url!r}")
        target = Path(url2pathname(parsed.path)).resolve()
        if self.static not in target.parents or not target.is_file():
            raise ValueError(f"PDF rendering may only use the app's static files, not {url!r}")
        return super().fetch(url, headers)


def render_pdf(html: str) -> bytes:
    static = Path(current_app.static_folder).resolve()
    return HTML(string=html, base_url=static.as_uri() + "/", url_fetcher=StaticFilesOnly(str(static))).write_pdf()
