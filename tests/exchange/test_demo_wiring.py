"""The demo's worker asks the simulators of the server it runs beside, on its port."""

from umis.core.management.commands.run_demo import worker_environment


def test_the_worker_is_pointed_at_the_demo_servers_own_simulators(monkeypatch, settings):
    monkeypatch.delenv("UMIS_EXCHANGE_BASE_URL", raising=False)
    settings.UMIS_SIMULATORS = True
    assert worker_environment("127.0.0.1", 8765)["UMIS_EXCHANGE_BASE_URL"] == (
        "http://127.0.0.1:8765/simulators/"
    )
    assert worker_environment("0.0.0.0", 8000)["UMIS_EXCHANGE_BASE_URL"] == (  # noqa: S104
        "http://127.0.0.1:8000/simulators/"
    )


def test_an_explicit_exchange_address_is_kept(monkeypatch, settings):
    monkeypatch.setenv("UMIS_EXCHANGE_BASE_URL", "http://border.example/")
    settings.UMIS_SIMULATORS = True
    assert worker_environment("127.0.0.1", 8765)["UMIS_EXCHANGE_BASE_URL"] == (
        "http://border.example/"
    )
