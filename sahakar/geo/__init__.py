"""The org-unit tree: nation, provinces, districts, communes, with gazetteer and ISO codes."""
