"""One module per e-service; each calls ``registry.register`` with its declaration."""
