"""Complaints, aspirations and information requests: intake, privacy, routing, deadlines."""
