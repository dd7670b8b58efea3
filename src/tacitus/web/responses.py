"""JSON responses of the web app: DuckDB and pandas values made plain (dates as ISO strings, NaN as null)."""

from __future__ import annotations

import json
import math
from datetime import date, datetime
from typing import Any

from fastapi.responses import JSONResponse


def plain(value: Any) -> Any:
    """A value from DuckDB or pandas as JSON: dates as ISO strings, NaN/NaT as null, numpy as Python."""
    if value is None:
        return None
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, datetime):
        if type(value).__name__ == "NaTType":  # pandas' missing date
            return None
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (str, int, bool)):
        return value
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if hasattr(value, "tolist"):  # numpy scalars and arrays
        return plain(value.tolist())
    if hasattr(value, "isoformat"):  # pandas Timestamp
        try:
            return plain(value.to_pydatetime())
        except (AttributeError, ValueError):
            return None  # NaT
    return str(value)


def records(frame) -> list[dict[str, Any]]:
    """A pandas DataFrame as JSON-ready rows."""
    return [{str(k): plain(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]


class JSON(JSONResponse):
    """JSON with dates, NaN and numpy values made plain, and non-ASCII text kept readable."""

    def render(self, content: Any) -> bytes:
        return json.dumps(plain(content), ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()
