from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "office/home.html")


def login(request: HttpRequest) -> HttpResponse:
    return HttpResponse("login")


def login_verify(request: HttpRequest) -> HttpResponse:
    return HttpResponse("verify")


def logout(request: HttpRequest) -> HttpResponse:
    return HttpResponse("logout")
