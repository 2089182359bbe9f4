"""Demo data: a deterministic generator of the raw contract and a printout of the top leads."""
