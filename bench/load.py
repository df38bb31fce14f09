"""Load generator: several client processes, each with one keep-alive connection, for a fixed time.

Runs as its own process (``python bench/load.py URL_BASE --paths-file F --seconds S --concurrency C``)
so that the clients never share the server's CPU budget inside one interpreter. Prints JSON: request
count, errors, requests per second, client-side and server-side (Server-Timing) latency percentiles.

Paced mode (``--items-file F --rate R``): open-loop arrivals for write scenarios. The file lists items,
each a sequence of requests (method, path, headers, form fields, generated files) that together make
one operation, e.g. a draft's multipart POST with its attachments then the submit POST. Item *i*
starts at ``i / rate`` seconds whatever the earlier items are doing, on one of ``--concurrency``
client processes; each item is used once. An item's client time is the sum of its requests' times,
its server time the sum of their Server-Timing durations; ``lag_ms`` says how late items started
(the clients could not keep the pace).
"""

import argparse
import http.client
import json
import multiprocessing as mp
import re
import statistics
import time
from urllib.parse import urlsplit

SERVER_TIMING = re.compile(r"dur=([0-9.]+)")


def client(base, paths, headers, seconds, expect_status, queue):
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    latencies, server, errors, statuses = [], [], 0, {}
    deadline = time.perf_counter() + seconds
    index = 0
    while time.perf_counter() < deadline:
        path = paths[index % len(paths)]
        index += 1
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            errors += 1
            connection.close()
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
            continue
        elapsed = (time.perf_counter() - started) * 1000
        statuses[response.status] = statuses.get(response.status, 0) + 1
        if response.status != expect_status:
            errors += 1
        latencies.append(elapsed)
        timing = response.getheader("Server-Timing")
        if timing and (match := SERVER_TIMING.search(timing)):
            server.append(float(match.group(1)))
    connection.close()
    queue.put({"latencies": latencies, "server": server, "errors": errors, "statuses": statuses})


def percentiles(values):
    if not values:
        return {"p50": None, "p95": None, "p99": None, "mean": None}
    ordered = sorted(values)

    def pick(q):
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 2)

    return {
        "p50": pick(0.50),
        "p95": pick(0.95),
        "p99": pick(0.99),
        "mean": round(statistics.fmean(ordered), 2),
    }


def run(base, paths, headers, seconds, concurrency, expect_status, warmup=1.0):
    # Warm-up: one client, results discarded (imports, template and connection caches).
    queue = mp.Queue()
    client(base, paths, headers, warmup, expect_status, queue)
    queue.get()
    processes = [
        mp.Process(target=client, args=(base, paths, headers, seconds, expect_status, queue))
        for _ in range(concurrency)
    ]
    started = time.perf_counter()
    for process in processes:
        process.start()
    results = [queue.get() for _ in processes]
    for process in processes:
        process.join()
    wall = time.perf_counter() - started
    latencies = [v for r in results for v in r["latencies"]]
    server = [v for r in results for v in r["server"]]
    statuses = {}
    for r in results:
        for status, count in r["statuses"].items():
            statuses[str(status)] = statuses.get(str(status), 0) + count
    return {
        "requests": len(latencies),
        "errors": sum(r["errors"] for r in results),
        "statuses": statuses,
        "seconds": round(wall, 2),
        "rps": round(len(latencies) / wall, 1) if wall else 0,
        "concurrency": concurrency,
        "client_ms": percentiles(latencies),
        "server_ms": percentiles(server),
    }


# --- paced mode ----------------------------------------------------------------------------------
def file_bytes(spec: dict, salt: str) -> bytes:
    """Generated content of ``spec["size"]`` bytes, distinct per item (``salt``); a PDF when the
    content type says so (the portal checks the type from the bytes)."""
    size = spec["size"]
    if spec.get("content_type") == "application/pdf":
        head, tail = f"%PDF-1.4\n% {salt}\n".encode(), b"\n%%EOF\n"
    else:
        head, tail = f"{salt}\n".encode(), b""
    return head + b"0" * max(0, size - len(head) - len(tail)) + tail


def encode_body(request: dict, salt: str) -> tuple[bytes | None, dict]:
    """The request's body and content type: multipart when it has files, else urlencoded fields."""
    fields, files = request.get("fields") or {}, request.get("files") or []
    if not fields and not files:
        return None, {}
    if not files:
        from urllib.parse import urlencode

        body = urlencode(fields).encode()
        return body, {"Content-Type": "application/x-www-form-urlencoded"}
    boundary = f"----bench{salt.replace('-', '')}"
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for spec in files:
        parts.append(
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{spec["field"]}"; '
                f'filename="{spec["name"]}"\r\nContent-Type: {spec["content_type"]}\r\n\r\n'
            ).encode()
            + file_bytes(spec, f"{salt}-{len(parts)}")
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), {"Content-Type": f"multipart/form-data; boundary={boundary}"}


def paced_client(base, items, indices, began, rate, queue):
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    results = []
    for index in indices:
        item = items[index]
        # Bodies are built before the item's start time: not part of what is measured.
        prepared = []
        for request in item:
            body, extra = encode_body(request, f"{index}")
            prepared.append((request, body, {**request.get("headers", {}), **extra}))
        scheduled = began + index / rate
        delay = scheduled - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        started = time.perf_counter()
        client_ms = server_ms = 0.0
        statuses, ok = [], True
        for request, body, headers in prepared:
            sent = time.perf_counter()
            try:
                connection.request(request["method"], request["path"], body=body, headers=headers)
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
                statuses.append(0)
                ok = False
                break
            client_ms += (time.perf_counter() - sent) * 1000
            statuses.append(response.status)
            if response.status != request.get("expect_status", 200):
                ok = False
            timing = response.getheader("Server-Timing")
            if timing and (match := SERVER_TIMING.search(timing)):
                server_ms += float(match.group(1))
        results.append(
            {
                "ok": ok,
                "statuses": statuses,
                "client": client_ms,
                "server": server_ms,
                "lag": (started - scheduled) * 1000,
                "ended": time.perf_counter(),
            }
        )
    connection.close()
    queue.put(results)


def run_paced(base, items, rate, concurrency, warmup_items=0):
    """Items ``[0, warmup_items)`` run first, one by one, and are not counted; the rest are paced."""
    queue = mp.Queue()
    if warmup_items:
        paced_client(base, items, range(warmup_items), time.perf_counter(), 1e9, queue)
        queue.get()
    measured = list(range(warmup_items, len(items)))
    # Shift so that the first measured item starts now: index i starts at (i - warmup_items) / rate.
    began = time.perf_counter() + 0.5 - warmup_items / rate
    processes = [
        mp.Process(
            target=paced_client,
            args=(base, items, measured[k::concurrency], began, rate, queue),
        )
        for k in range(concurrency)
    ]
    for process in processes:
        process.start()
    results = [r for _ in processes for r in queue.get()]
    for process in processes:
        process.join()
    first = began + warmup_items / rate
    wall = max(r["ended"] for r in results) - first if results else 0
    statuses = {}
    for r in results:
        key = "/".join(str(s) for s in r["statuses"])
        statuses[key] = statuses.get(key, 0) + 1
    good = [r for r in results if r["ok"]]
    return {
        "requests": len(results),
        "errors": len(results) - len(good),
        "statuses": statuses,
        "seconds": round(wall, 2),
        "rps": round(len(results) / wall, 1) if wall else 0,
        "rate": rate,
        "concurrency": concurrency,
        "client_ms": percentiles([r["client"] for r in good]),
        "server_ms": percentiles([r["server"] for r in good]),
        "lag_ms": percentiles([max(0.0, r["lag"]) for r in results]),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("--items-file")
    parser.add_argument("--rate", type=float, default=10)
    parser.add_argument("--warmup-items", type=int, default=0)
    parser.add_argument("--paths-file")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--expect-status", type=int, default=200)
    args = parser.parse_args()
    if args.items_file:
        with open(args.items_file) as spec_file:
            items = json.load(spec_file)["items"]
        result = run_paced(args.base, items, args.rate, args.concurrency, args.warmup_items)
        print(json.dumps(result))
        return
    with open(args.paths_file) as spec_file:
        spec = json.load(spec_file)
    print(
        json.dumps(
            run(
                args.base,
                spec["paths"],
                spec.get("headers", {}),
                args.seconds,
                args.concurrency,
                args.expect_status,
            )
        )
    )


if __name__ == "__main__":
    main()
