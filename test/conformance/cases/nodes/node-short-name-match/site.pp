node 'agent1' { notify { 'short': } }
node default { notify { 'default': } }
