node 'web1', 'agent1.example.test', 'db1' { notify { 'multi': } }
