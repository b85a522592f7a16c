"""Signing a member of staff in over HTTP, as a browser does: password, then a TOTP code."""

from __future__ import annotations

import http.cookiejar
import re
import urllib.parse
import urllib.request

from bench.app import Cookies

_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def current_code(device) -> str:
    from django_otp.oath import totp

    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:0{device.digits}d}"


def staff_sign_in(port: int, *, username: str, password: str, device) -> Cookies:
    """Cookies of a staff session with a verified second factor, via the office pages."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    base = f"http://127.0.0.1:{port}"

    def post_form(path: str, fields: dict[str, str]) -> str:
        page = opener.open(base + path, timeout=60).read().decode()
        token = _CSRF_INPUT.search(page)
        if token is None:
            raise RuntimeError(f"no CSRF token on {path}")
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token.group(1), **fields})
        request = urllib.request.Request(  # noqa: S310 - http://127.0.0.1 only
            base + path, data=data.encode(), headers={"Referer": base + path}
        )
        return opener.open(request, timeout=60).geturl()

    post_form("/office/login/", {"username": username, "password": password})
    landed = post_form("/office/login/verify/", {"code": current_code(device)})
    if "/login" in urllib.parse.urlsplit(landed).path:
        raise RuntimeError(f"staff sign-in did not complete (ended at {landed})")
    cookies = {cookie.name: cookie.value for cookie in jar}
    return Cookies(session=cookies["sessionid"], csrf=cookies.get("csrftoken", ""))
