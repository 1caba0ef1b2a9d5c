node 'agent1.example.test' { notify { 'by-certname': } }
node 'fact-host.example.test' { notify { 'by-fact': } }
