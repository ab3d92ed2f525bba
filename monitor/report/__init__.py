"""`monitor report`: one self-contained HTML timeline page per watch."""
