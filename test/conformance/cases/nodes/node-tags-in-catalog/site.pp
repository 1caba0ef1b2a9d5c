node 'agent1.example.test', 'web.example.test' { include role::web }
class role::web { notify { 'web': } }
