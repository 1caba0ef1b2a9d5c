include acme
