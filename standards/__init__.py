"""The directory every other app stands on: agencies, their services and service standards."""
