"""WTForms form classes for victimcare, one module per area."""
