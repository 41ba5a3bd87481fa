"""Users, memberships (user x agency x role), login, registration and the permission rules."""
