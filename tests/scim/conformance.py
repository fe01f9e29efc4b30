"""SCIM conformance of `ladder serve` with scim2-tester (RFC 7643/7644).

Runs every check scim2-tester has (discovery, create, read, replace, PATCH
add/replace/remove, delete, a random URL) against the server at URL with a
SCIM token, prints each result, and exits 1 when any check ends in ERROR or
CRITICAL (a MUST of the RFCs broken). DEVIATION (a SHOULD) is printed, not
fatal.

    python tests/scim/conformance.py URL TOKEN
"""
import sys

from scim2_tester import Status, check_server

from httpx2 import Client
from scim2_client.engines.httpx2 import SyncSCIMClient

url, token = sys.argv[1], sys.argv[2]
http = Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=30)
client = SyncSCIMClient(http)
results = check_server(client)
bad = 0
for r in results:
    name = getattr(r, "title", "?")
    fatal = r.status in (Status.ERROR, Status.CRITICAL)
    bad += fatal
    print(f"{r.status.name:<10} {name}: {r.reason or ''}"[:400])
print(f"scim2-tester: {len(results)} checks, {bad} failed")
sys.exit(1 if bad else 0)
