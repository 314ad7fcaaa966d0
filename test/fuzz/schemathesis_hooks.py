"""Strategies for the formats the api's OpenAPI document names but a regular expression cannot state
(apps/api/src/openapi/document-conventions.ts). Loaded by test/fuzz/run-schemathesis.sh."""
import datetime
import os

import schemathesis
from hypothesis import strategies as st

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def _uscc(body: str) -> str:
    """GB 32100-2015: 17 characters and their check character."""
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(body, USCC_WEIGHTS))
    return body + USCC_ALPHABET[(31 - total % 31) % 31]


# 9 (enterprise) 1 (company), a six-digit county code, a nine-character organisation code.
uscc = st.builds(
    lambda county, org: _uscc("91" + county + org),
    st.from_regex(r"\A[1-6][0-9]{5}\Z"),
    st.text(alphabet=USCC_ALPHABET, min_size=9, max_size=9),
)

# Weeks that exist: W53 only in years that have one.
iso_week = st.dates(min_value=datetime.date(2000, 1, 3), max_value=datetime.date(2099, 12, 28)).map(
    lambda d: "%04d-W%02d" % d.isocalendar()[:2]
)
year_month = st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2099, 12, 1)).map(lambda d: d.strftime("%Y-%m"))

schemathesis.openapi.format("uscc", uscc)
schemathesis.openapi.format("iso-week", iso_week)
schemathesis.openapi.format("year-month", year_month)

# Calendar days (Asia/Shanghai) in the years the service deals with.
calendar_date = st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2099, 12, 31)).map(lambda d: d.isoformat())
# Instants as clients send them: RFC 3339 with Z or a whole-quarter-hour offset, years 1990–2099.
instant = st.builds(
    lambda dt, offset: dt.replace(tzinfo=datetime.timezone(datetime.timedelta(minutes=offset))).isoformat(timespec="milliseconds"),
    st.datetimes(min_value=datetime.datetime(1990, 1, 2), max_value=datetime.datetime(2099, 12, 30)),
    st.integers(min_value=-12 * 4, max_value=14 * 4).map(lambda q: q * 15),
)

schemathesis.openapi.format("calendar-date", calendar_date)
schemathesis.openapi.format("date-time", instant)


# Without a token (run-schemathesis.sh's second run) every /api/v1 operation is refused with 401 as problem
# details, before any validation or lookup: the guard runs first (docs/decisions/0220-access-control.md).
# A method no operation has is no operation (the built-in unsupported_method check judges those answers), and
# the JSON parser answers before routing, so before the guard, 400 MALFORMED_JSON / 413 to a body it cannot read.
BEFORE_ROUTING = {"MALFORMED_JSON", "PAYLOAD_TOO_LARGE"}

if os.environ.get("SCHEMATHESIS_EXPECT_UNAUTHENTICATED") == "1":

    @schemathesis.check
    def unauthenticated_is_401(ctx, response, case):
        if not case.path.startswith("/api/v1/") or case.method.upper() != case.operation.method.upper():
            return None
        content_type = response.headers.get("content-type", [""])
        content_type = content_type[0] if isinstance(content_type, list) else content_type
        assert content_type.startswith("application/problem+json"), f"{response.status_code} is not problem details ({content_type})"
        if response.status_code == 401:
            return None
        code = response.json().get("code")
        assert code in BEFORE_ROUTING, f"expected 401 without a token, got {response.status_code} {code}"
        return None
