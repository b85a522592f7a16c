"""Issued documents: permits and confirmations, their numbers, signed QR codes, share codes."""
