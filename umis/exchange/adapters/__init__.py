"""One adapter per state system: an interface (Protocol), and the HTTP client behind it.

Each adapter declares its operations (``umis.exchange.operations.Operation``) with the
strict schema of their answers; ``exchange_call`` rejects an answer that does not match,
so an adapter only ever reads well-formed values. The simulators
(``umis.exchange.simulators``) answer the same signed HTTP requests as the real systems, so
the same client code runs in production, in the demo and in tests.
"""
