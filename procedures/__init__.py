"""The procedure catalogue: agencies, sectors, procedures and their versions, publishing, search."""
