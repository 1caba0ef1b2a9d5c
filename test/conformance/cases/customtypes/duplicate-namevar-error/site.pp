acme_user { 'first': login => 'same' }
acme_user { 'second': login => 'same' }
