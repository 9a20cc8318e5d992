"""One module per wire format; each turns bytes into tidy observations (no provenance)."""
