"""Scheduled jobs (theme Party day, reminders, overdue cases).

Jobs only call services, which write to the outbox; they never talk to a
platform themselves (see docs/DESIGN.md).
"""
