"""Deployment helpers: replicas of the app behind nginx, on this machine."""
