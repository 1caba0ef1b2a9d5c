node /agent/ { notify { 'regex': } }
node 'agent1.example.test' { notify { 'exact': } }
