node 'agent1.example' { notify { 'partial': } }
node 'agent1' { notify { 'short': } }
node default { notify { 'default': } }
