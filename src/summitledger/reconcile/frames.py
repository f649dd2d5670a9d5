"""Claim frames at rest, read where the store reads them: :mod:`summitledger.store.frames`
(kept here for reconcile's imports)."""

from summitledger.store.frames import frame_from_bag, stored_frame

__all__ = ["frame_from_bag", "stored_frame"]
