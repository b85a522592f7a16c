"""The public verifier page (/verify/) and the published keys (/.well-known/jwks.json)."""

from __future__ import annotations

import hashlib
import json

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from umis.permits import verify_words
from umis.permits.signing import jwks
from umis.permits.verify_forms import VerifyForm
from umis.permits.verify_online import verify_with_online_line

JWKS_MAX_AGE = 3600


@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Check a permit code offline against the published keys, then, when it is genuine,
    look up its status now (the online line). POST keeps the holder's name and birth date,
    which the code carries, out of addresses and access logs."""
    form = VerifyForm(data=request.POST if request.method == "POST" else None)
    result = None
    if request.method == "POST" and form.is_valid():
        verification, online = verify_with_online_line(
            form.cleaned_data["code"], request=request, now=timezone.now()
        )
        error = verify_words.field_error(verification)
        if error:
            form.add_error("code", error)
        else:
            result = verify_words.described(verification, online)
            form = VerifyForm()  # an empty field, ready for the next code
    return render(request, "permits/verify.html", {"form": form, "result": result})


@require_GET
def jwks_document(request: HttpRequest) -> HttpResponse:
    """The public keys as a JWKS: cacheable by anyone, fetchable from any origin."""
    body = json.dumps(jwks(), separators=(",", ":"), sort_keys=True)
    etag = '"' + hashlib.sha256(body.encode()).hexdigest()[:32] + '"'
    if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = JsonResponse(json.loads(body), content_type="application/jwk-set+json")
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={JWKS_MAX_AGE}"
    response["Access-Control-Allow-Origin"] = "*"
    return response
