"""Complaint views: `public` for citizens and the public, `officer` for the officials' desk."""
