"""Load generator: several client processes, each with one keep-alive connection, for a fixed time.

Runs as its own process (``python bench/load.py URL_BASE --paths-file F --seconds S --concurrency C``)
so that the clients never share the server's CPU budget inside one interpreter. Prints JSON: request
count, errors, requests per second, client-side and server-side (Server-Timing) latency percentiles.
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("--paths-file", required=True)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--expect-status", type=int, default=200)
    args = parser.parse_args()
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
