node 'web01.example.test' { notify { 'web': } }
node default { notify { 'default': } }
