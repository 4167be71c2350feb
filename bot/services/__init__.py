"""Domain operations. The only layer that commits; each operation commits once."""
