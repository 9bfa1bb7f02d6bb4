"""Analysis on the programme's tables: spending efficiency (unit costs), allocations."""
