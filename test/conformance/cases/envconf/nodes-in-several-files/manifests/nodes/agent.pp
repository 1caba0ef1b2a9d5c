node 'agent1.example.test' { notify { 'agent-node': message => $top } }
