acme_user { 'deploy account': login => 'deploy', uid => 1500 }
acme_user { 'ops': uid => 1501 }
