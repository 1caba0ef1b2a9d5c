node 'other.example.test' { notify { 'other': } }
node default { notify { 'default': } }
