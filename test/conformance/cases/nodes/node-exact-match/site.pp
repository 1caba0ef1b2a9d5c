node 'agent1.example.test' { notify { 'exact': } }
node default { notify { 'default': } }
