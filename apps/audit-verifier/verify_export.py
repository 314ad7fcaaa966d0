#!/usr/bin/env python3
"""Standalone verifier of an audit export (NDJSON) of the whole-staff safety service.

Python 3 standard library only; written from docs/audit/hash-chain.md, not from the service's code.

    python3 verify_export.py EXPORT.ndjson [--checkpoints CHECKPOINTS.json] [--public-key KEY.pem]

Prints one JSON line {"ok", "checked", "firstBrokenPosition", "reason", ...}. Exit status: 0 the export
verifies, 1 it does not (the reason names the first broken position), 2 the arguments or the file
cannot be read as an export at all.
"""
import argparse
import base64
import hashlib
import json
import math
import re
import sys

FORMAT = "wss-audit-export"
FORMAT_VERSION = 1
ALGORITHM = "sha256-jcs-v1"
GENESIS = "0" * 64
HEX64 = re.compile(r"^[0-9a-f]{64}$")
DECIMAL = re.compile(r"^(0|[1-9][0-9]*)$")
CHECKPOINT_EVENT = "AuditCheckpointSigned"


class Unusable(Exception):
    """The input is not an export (or the options are wrong): exit 2."""


class NotCanonical(Exception):
    pass


# ---------------------------------------------------------------------------------------------
# RFC 8785 JSON Canonicalization Scheme (hash-chain.md §2)
# ---------------------------------------------------------------------------------------------

def jcs(value):
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return es_number(value)
    if isinstance(value, str):
        return jcs_string(value)
    if isinstance(value, list):
        return "[" + ",".join(jcs(item) for item in value) + "]"
    if isinstance(value, dict):
        # Member names sorted by their UTF-16 code units (not by code points).
        names = sorted(value.keys(), key=lambda name: name.encode("utf-16-be", "surrogatepass"))
        return "{" + ",".join(jcs_string(name) + ":" + jcs(value[name]) for name in names) + "}"
    raise NotCanonical("a %s is not JSON" % type(value).__name__)


LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def jcs_string(text):
    # A str read from JSON holds a surrogate only when the text escaped a lone one (\ud800).
    if LONE_SURROGATE.search(text):
        raise NotCanonical("text contains a lone UTF-16 surrogate")
    # json.dumps without ASCII escaping escapes exactly ", \ and U+0000..U+001F (short forms for
    # \b \t \n \f \r, lowercase \u00xx otherwise), which is the JCS rule.
    return json.dumps(text, ensure_ascii=False)


def es_number(value):
    """A JSON number as ECMAScript's Number::toString writes it (RFC 8785 §3.2.2.3)."""
    if isinstance(value, int):
        if abs(value) < 2 ** 53:
            return str(value)
        value = float(value)
    if math.isnan(value) or math.isinf(value):
        raise NotCanonical("%r is not a JSON number" % value)
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    text = repr(abs(value))  # shortest text that reads back as the same double
    mantissa, _, exponent = text.partition("e")
    whole, _, fraction = mantissa.partition(".")
    all_digits = whole + fraction
    point = len(whole) + (int(exponent) if exponent else 0)
    stripped = all_digits.lstrip("0")
    point -= len(all_digits) - len(stripped)
    digits = stripped.rstrip("0")
    k, n = len(digits), point
    if k <= n <= 21:
        out = digits + "0" * (n - k)
    elif 0 < n <= 21:
        out = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        out = "0." + "0" * (-n) + digits
    else:
        e = n - 1
        exp = ("+" if e >= 0 else "-") + str(abs(e))
        out = (digits if k == 1 else digits[0] + "." + digits[1:]) + "e" + exp
    return sign + out


# ---------------------------------------------------------------------------------------------
# Ed25519 signature verification (RFC 8032 §5.1.7), for signed checkpoints (hash-chain.md §7)
# ---------------------------------------------------------------------------------------------

_P = 2 ** 255 - 19
_Q = 2 ** 252 + 27742317777372353535851937790883648493
_D = -121665 * pow(121666, _P - 2, _P) % _P
_SQRT_M1 = pow(2, (_P - 1) // 4, _P)


def _recover_x(y, sign):
    if y >= _P:
        return None
    x2 = (y * y - 1) * pow(_D * y * y + 1, _P - 2, _P) % _P
    if x2 == 0:
        return None if sign else 0
    x = pow(x2, (_P + 3) // 8, _P)
    if (x * x - x2) % _P != 0:
        x = x * _SQRT_M1 % _P
    if (x * x - x2) % _P != 0:
        return None
    if (x & 1) != sign:
        x = _P - x
    return x


def _add(a, b):
    A = (a[1] - a[0]) * (b[1] - b[0]) % _P
    B = (a[1] + a[0]) * (b[1] + b[0]) % _P
    C = 2 * a[3] * b[3] * _D % _P
    D = 2 * a[2] * b[2] % _P
    E, F, G, H = B - A, D - C, D + C, B + A
    return (E * F % _P, G * H % _P, F * G % _P, E * H % _P)


def _mul(scalar, point):
    result = (0, 1, 1, 0)
    while scalar > 0:
        if scalar & 1:
            result = _add(result, point)
        point = _add(point, point)
        scalar >>= 1
    return result


def _equal(a, b):
    return (a[0] * b[2] - b[0] * a[2]) % _P == 0 and (a[1] * b[2] - b[1] * a[2]) % _P == 0


def _decompress(data):
    if len(data) != 32:
        return None
    y = int.from_bytes(data, "little")
    sign = y >> 255
    y &= (1 << 255) - 1
    x = _recover_x(y, sign)
    return None if x is None else (x, y, 1, x * y % _P)


_GY = 4 * pow(5, _P - 2, _P) % _P
_GX = _recover_x(_GY, 0)
_G = (_GX, _GY, 1, _GX * _GY % _P)


def ed25519_verify(public_key, message, signature):
    if len(public_key) != 32 or len(signature) != 64:
        return False
    a = _decompress(public_key)
    r = _decompress(signature[:32])
    if a is None or r is None:
        return False
    s = int.from_bytes(signature[32:], "little")
    if s >= _Q:
        return False
    h = int.from_bytes(hashlib.sha512(signature[:32] + public_key + message).digest(), "little") % _Q
    return _equal(_mul(s, _G), _add(r, _mul(h, a)))


SPKI_ED25519_PREFIX = bytes.fromhex("302a300506032b6570032100")


def read_public_key(path):
    """A PEM SubjectPublicKeyInfo, or the 32 raw bytes in base64 (GET /api/v1/audit/public-key)."""
    with open(path, "r", encoding="utf-8") as handle:
        text = handle.read().strip()
    if text.startswith("{"):
        text = json.loads(text).get("publicKeyPem", "")
    if "-----BEGIN PUBLIC KEY-----" in text:
        body = "".join(line for line in text.splitlines() if not line.startswith("-----"))
        der = base64.b64decode(body)
        if len(der) != 44 or not der.startswith(SPKI_ED25519_PREFIX):
            raise Unusable("%s is not an Ed25519 public key" % path)
        return der[len(SPKI_ED25519_PREFIX):]
    raw = base64.b64decode(text)
    if len(raw) != 32:
        raise Unusable("%s is neither a PEM Ed25519 public key nor 32 bytes in base64" % path)
    return raw


def checkpoint_message(checkpoint):
    return jcs({"at": checkpoint["at"], "hash": checkpoint["hash"], "position": checkpoint["position"]}).encode("utf-8")


def read_checkpoints(path):
    """A JSON array, the body of GET /api/v1/audit/checkpoints ({"items": [...]}) or NDJSON."""
    with open(path, "r", encoding="utf-8") as handle:
        text = handle.read().strip()
    if not text:
        return []
    try:
        parsed = json.loads(text)
        items = parsed.get("items", parsed.get("checkpoints", [])) if isinstance(parsed, dict) else parsed
    except ValueError:
        items = [json.loads(line) for line in text.splitlines() if line.strip()]
    for item in items:
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("position", "hash", "at", "signature")):
            raise Unusable("%s: each checkpoint needs position, hash, at and signature as strings" % path)
    return items


# ---------------------------------------------------------------------------------------------
# The export (hash-chain.md §6)
# ---------------------------------------------------------------------------------------------

class Broken(Exception):
    def __init__(self, position, reason):
        super().__init__(reason)
        self.position = position
        self.reason = reason


def envelope(event, hashed_position_rule):
    return {
        "eventId": event["eventId"],
        "type": event["type"],
        "schemaVersion": event["schemaVersion"],
        "data": event["data"],
        "metadata": event["metadata"],
        "streamName": event["streamName"],
        "streamPosition": event["streamPosition"],
        "globalPosition": "0" if hashed_position_rule == "zero" else event["globalPosition"],
    }


def chain_hash(prev_hash, event, hashed_position_rule):
    text = prev_hash + jcs(envelope(event, hashed_position_rule))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_header(line):
    try:
        header = json.loads(line)
    except ValueError:
        raise Unusable("the first line is not JSON: an export starts with its header line")
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise Unusable('the first line is not an export header (format "%s")' % FORMAT)
    if header.get("formatVersion") != FORMAT_VERSION:
        raise Unusable("export format version %r is not %d, the version this verifier reads" % (header.get("formatVersion"), FORMAT_VERSION))
    if header.get("hashAlgorithm") != ALGORITHM:
        raise Unusable("hash algorithm %r is not %s" % (header.get("hashAlgorithm"), ALGORITHM))
    if header.get("hashedPosition") not in ("global-position", "zero"):
        raise Unusable("hashedPosition must be global-position or zero")
    if header.get("scope") not in ("log", "stream"):
        raise Unusable("scope must be log or stream")
    return header


def verify(lines, checkpoints, public_key):
    """Walks the export; returns the report. `lines` yields text lines, the header first."""
    try:
        first = next(lines)
    except StopIteration:
        raise Unusable("the export is empty: not even a header line")
    header = parse_header(first)
    rule = header["hashedPosition"]
    contiguous = rule == "global-position"
    scope = header["scope"]
    report = {"ok": False, "checked": 0, "firstBrokenPosition": None, "scope": scope, "backend": header.get("backend")}

    given = list(checkpoints)
    if header.get("latestCheckpoint"):
        given.append(dict(header["latestCheckpoint"], source="export header"))
    if given and public_key is None:
        report["note"] = "checkpoints not checked: no --public-key given"
        given = []
    by_position = {}
    checked = 0
    last_position = None
    try:
        for checkpoint in given:
            if not DECIMAL.match(checkpoint["position"]):
                raise Broken(None, "checkpoint position %r is not a decimal number" % checkpoint["position"])
            try:
                signature = base64.b64decode(checkpoint["signature"], validate=True)
            except ValueError:
                signature = b""
            if not ed25519_verify(public_key, checkpoint_message(checkpoint), signature):
                raise Broken(int(checkpoint["position"]), "the checkpoint of %s at position %s (%s) does not carry a valid signature of the given key" % (checkpoint["at"], checkpoint["position"], checkpoint.get("source", "given")))
            by_position.setdefault(int(checkpoint["position"]), []).append(checkpoint)

        prev_hash = None
        prev_global = None
        prev_stream_position = None
        last_hash = None
        for number, line in enumerate(lines, start=2):
            if not line.strip():
                continue
            try:
                event = json.loads(line)
                global_text = event["globalPosition"]
                stream_text = event["streamPosition"]
            except (ValueError, KeyError, TypeError):
                raise Broken(None if prev_global is None else prev_global + 1, "line %d is not an event of the export" % number)
            if not (isinstance(global_text, str) and DECIMAL.match(global_text) and isinstance(stream_text, str) and DECIMAL.match(stream_text)):
                raise Broken(None, "line %d: positions must be decimal strings" % number)
            position = int(global_text)
            if scope == "log":
                if prev_global is None:
                    expected_first = int(header["firstPosition"]) if header.get("firstPosition") else 1
                    if contiguous and position != expected_first:
                        raise Broken(expected_first, "the export should start at position %d but starts at %d" % (expected_first, position))
                elif contiguous and position != prev_global + 1:
                    expected = prev_global + 1
                    if position > expected:
                        raise Broken(expected, "the event at position %d is missing (the next line holds position %d)" % (expected, position))
                    raise Broken(position, "position %d comes after position %d: events out of order or repeated" % (position, prev_global))
                elif not contiguous and position <= prev_global:
                    raise Broken(position, "position %d comes after position %d: events out of order or repeated" % (position, prev_global))
                expected_prev = GENESIS if prev_hash is None and (not contiguous or position == 1) else prev_hash
                if expected_prev is not None and event.get("prevHash") != expected_prev:
                    raise Broken(position, "prevHash does not match the hash of the event before it")
            else:
                stream_position = int(stream_text)
                expected_stream = 0 if prev_stream_position is None else prev_stream_position + 1
                if stream_position != expected_stream:
                    raise Broken(position, "stream position %d where %d was expected: an event of the stream is missing or out of order" % (stream_position, expected_stream))
                if prev_global is not None and position <= prev_global:
                    raise Broken(position, "global position %d comes after %d: events out of order" % (position, prev_global))
                prev_stream_position = stream_position
            if not (isinstance(event.get("prevHash"), str) and HEX64.match(event["prevHash"])):
                raise Broken(position, "prevHash is not 64 lowercase hex digits")
            try:
                recomputed = chain_hash(event["prevHash"], event, rule)
            except (KeyError, NotCanonical) as error:
                raise Broken(position, "the event cannot be hashed: %s" % error)
            if recomputed != event.get("hash"):
                raise Broken(position, "hash does not match the event's content")
            for checkpoint in by_position.get(position, []):
                if checkpoint["hash"] != recomputed:
                    raise Broken(position, "the event differs from the checkpoint signed at %s: the log was rewritten" % checkpoint["at"])
            prev_hash = last_hash = recomputed
            prev_global = last_position = position
            checked += 1
        report["checked"] = checked
        if checked == 0:
            raise Broken(None, "the export holds no events: there is nothing to verify")
        if str(last_position) != str(header.get("lastPosition")) or last_hash != header.get("headHash") or checked != header.get("eventCount"):
            raise Broken(last_position + 1 if contiguous else None, "the export ends at position %d with %d events, but its header announces position %s, %s events and head hash %s: it was cut or altered" % (last_position, checked, header.get("lastPosition"), header.get("eventCount"), header.get("headHash")))
        if scope == "log":
            beyond = sorted(p for p in by_position if p > last_position)
            if beyond:
                checkpoint = by_position[beyond[-1]][0]
                raise Broken(last_position + 1 if contiguous else beyond[-1], "the log is cut off: a checkpoint signed at %s covers position %d, but the export ends at %d" % (checkpoint["at"], beyond[-1], last_position))
    except Broken as broken:
        report["checked"] = checked
        report["firstBrokenPosition"] = None if broken.position is None else str(broken.position)
        report["reason"] = broken.reason
        return report
    report["ok"] = True
    report["firstPosition"] = header.get("firstPosition")
    report["lastPosition"] = str(last_position)
    report["headHash"] = last_hash
    report["checkpointsMatched"] = sum(len(v) for v in by_position.values())
    if scope == "stream":
        report["note"] = header.get("proves") or "one stream: each event matches its hash; links to other streams are not checked"
    return report


def main(argv):
    parser = argparse.ArgumentParser(description="Verify an audit export of the whole-staff safety service.")
    parser.add_argument("export", help="the NDJSON export ('-' for standard input)")
    parser.add_argument("--checkpoints", help="signed checkpoints kept apart from the service (JSON or NDJSON)")
    parser.add_argument("--public-key", help="the Ed25519 public key that signs checkpoints (PEM or base64)")
    args = parser.parse_args(argv)
    try:
        public_key = read_public_key(args.public_key) if args.public_key else None
        checkpoints = read_checkpoints(args.checkpoints) if args.checkpoints else []
        if checkpoints and public_key is None:
            raise Unusable("--checkpoints needs --public-key: a checkpoint is worth only its signature")
        handle = sys.stdin.buffer if args.export == "-" else open(args.export, "rb")
        with handle:
            lines = (raw.decode("utf-8") for raw in handle)
            report = verify(lines, checkpoints, public_key)
    except (Unusable, OSError, UnicodeDecodeError, ValueError) as error:
        print(json.dumps({"ok": False, "error": str(error)}, ensure_ascii=False))
        return 2
    print(json.dumps(report, ensure_ascii=False))
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
