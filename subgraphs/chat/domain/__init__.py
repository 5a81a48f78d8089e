"""Pure chat rules: validation of what clients send, message cursors. No I/O."""
