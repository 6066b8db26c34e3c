"""The e-mail edge: intake (SMTP listener, IMAP polling), understanding (MIME, forwards,
quotes, signatures, HTML), privacy (redaction), routing input, and the answer back."""
