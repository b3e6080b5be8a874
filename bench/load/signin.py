#!/usr/bin/env python3
"""Signs in through the form and prints the Cookie header value, for bench/load.sh: signin.py BASE EMAIL PASSWORD"""
import html, http.cookiejar, re, sys, urllib.parse, urllib.request

base, email, password = sys.argv[1].rstrip('/'), sys.argv[2], sys.argv[3]
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
page = opener.open(base + '/signin').read().decode()
fields = {html.unescape(n): html.unescape(v) for n, v in re.findall(r'<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page)}
fields.update({'Input.Email': email, 'Input.Password': password})
response = opener.open(urllib.request.Request(base + '/signin', data=urllib.parse.urlencode(fields).encode(), headers={'Origin': base}))
response.read()
if urllib.parse.urlparse(response.url).path == '/signin':
    sys.exit('sign-in failed')
print('; '.join(f'{c.name}={c.value}' for c in jar))
