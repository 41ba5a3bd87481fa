"""Service ratings (web, QR, kiosk) and public reputation pages (seed 000). Not built yet."""
