acme_user { 'titled': }
