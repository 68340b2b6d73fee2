"""The safety records of a person: incidents, keep-apart (the record's Veiligheid tab)."""
