#!/usr/bin/env python3
"""Median latency of CalmDesk pages and API calls, as a signed-in user sees them.

    bench/latency.py http://127.0.0.1:5090 manager@demo.calmdesk.app CalmDesk-demo-2026 /dashboard /api/v1/cases ...

Signs in through the sign-in form (cookie), warms each path up once, then times it RUNS times (default 5) one
after another and prints the median, the slowest and the size of the answer. A baseline path (/health, the
framework's own cheapest answer) is timed in the same run so the figures can be read as ratios.
"""
import html, http.cookiejar, os, re, statistics, sys, time, urllib.parse, urllib.request

def main():
    if len(sys.argv) < 5:
        print(__doc__)
        return 2
    base, email, password, paths = sys.argv[1].rstrip('/'), sys.argv[2], sys.argv[3], sys.argv[4:]
    runs = int(os.environ.get('RUNS', '5'))
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + '/signin').read().decode()
    fields = {html.unescape(n): html.unescape(v) for n, v in re.findall(r'<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page)}
    fields.update({'Input.Email': email, 'Input.Password': password})
    request = urllib.request.Request(base + '/signin', data=urllib.parse.urlencode(fields).encode(), headers={'Origin': base})
    response = opener.open(request)
    response.read()
    if urllib.parse.urlparse(response.url).path == '/signin':
        print('sign-in failed', file=sys.stderr)
        return 1
    print(f'| path | median ms | slowest ms | bytes |')
    print(f'|---|---|---|---|')
    for path in ['/health'] + paths:
        body = opener.open(base + path).read()
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            body = opener.open(base + path).read()
            times.append((time.perf_counter() - start) * 1000)
        print(f'| `{path}` | {statistics.median(times):.0f} | {max(times):.0f} | {len(body):,} |', flush=True)
    return 0

if __name__ == '__main__':
    sys.exit(main())
