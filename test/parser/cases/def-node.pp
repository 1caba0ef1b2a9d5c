node 'a.example.com', b.example.com, /^c\d+$/, default { include x }
node 192.168.1.1 { }
