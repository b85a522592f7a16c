"""Diagnosis only (B1): the project's settings with a cheap password hasher.

The one-time access code of every submission is hashed with the password hasher (PBKDF2,
about a million iterations): B1 runs once more with this module to show how much of the
submission time that hash takes. Never use it to serve anything.
"""

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
