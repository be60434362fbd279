"""Reports: aggregated in SQL, rendered in the formats the school uses."""
